package io.quarkiverse.novasession.it.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The demo's form login in a real headless Chromium: a protected page sends to the login page, the form logs in and
 * returns to the page first asked for, logout sends back to the login page; and with two browsers, "log out
 * everywhere" in one ends the other's session.
 */
@QuarkusTest
class BrowserFormLoginTest {

    @TestHTTPResource("/")
    URL root;

    private WebDriver first;
    private WebDriver second;

    @BeforeEach
    void openBrowsers() {
        first = browser();
        second = browser();
    }

    @AfterEach
    void closeBrowsers() {
        if (first != null) {
            first.quit();
        }
        if (second != null) {
            second.quit();
        }
    }

    @Test
    void protectedPageLoginPageBackToThePageThenLogout() {
        first.get(url("account"));
        assertThat(first.getCurrentUrl()).isEqualTo(url("login.html"));
        logIn(first, "alice", "alice");
        assertThat(first.getCurrentUrl()).isEqualTo(url("account"));
        assertThat(text(first)).isEqualTo("Hello alice, roles [user]");

        first.get(url("account/admin"));
        assertThat(first.findElement(By.tagName("body")).getText()).doesNotContain("Admin page");

        first.get(url("index.html"));
        submit(first, "logout", "account/logout");
        assertThat(text(first)).isEqualTo("Logged out");
        first.get(url("account"));
        assertThat(first.getCurrentUrl()).isEqualTo(url("login.html"));
    }

    @Test
    void aWrongPasswordShowsTheErrorPage() {
        first.get(url("account"));
        logIn(first, "bob", "wrong");
        assertThat(first.getCurrentUrl()).isEqualTo(url("error.html"));
        assertThat(first.findElement(By.id("error")).getText()).isEqualTo("Wrong user name or password");
    }

    @Test
    void logOutEverywhereInOneBrowserEndsTheOther() {
        // other scenarios of this application log bob in too: start from none
        first.get(url("account/admin"));
        logIn(first, "bob", "bob");
        first.get(url("index.html"));
        submit(first, "logout-everywhere", "account/logout-everywhere");

        first.get(url("account/admin"));
        logIn(first, "bob", "bob");
        assertThat(text(first)).isEqualTo("Admin page of bob");
        second.get(url("account/admin"));
        logIn(second, "bob", "bob");
        assertThat(text(second)).isEqualTo("Admin page of bob");

        first.get(url("index.html"));
        submit(first, "logout-everywhere", "account/logout-everywhere");
        assertThat(text(first)).isEqualTo("2");

        second.get(url("account/admin"));
        assertThat(second.getCurrentUrl()).isEqualTo(url("login.html"));
        first.get(url("account"));
        assertThat(first.getCurrentUrl()).isEqualTo(url("login.html"));
    }

    private static void logIn(WebDriver browser, String user, String password) {
        String loginPage = browser.getCurrentUrl();
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("submit")).click();
        waitUntil(browser, url -> !url.equals(loginPage));
    }

    /**
     * Clicks a form's button and waits for its answer: a click does not wait for the navigation it starts.
     */
    private void submit(WebDriver browser, String button, String answeredAt) {
        browser.findElement(By.id(button)).click();
        waitUntil(browser, url -> url.equals(url(answeredAt)));
    }

    private static void waitUntil(WebDriver browser, java.util.function.Predicate<String> url) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!url.test(browser.getCurrentUrl())) {
            assertThat(System.nanoTime()).as("navigation within 10 s, at " + browser.getCurrentUrl())
                    .isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String text(WebDriver browser) {
        return browser.findElement(By.tagName("body")).getText().trim();
    }

    private String url(String path) {
        return root.toString() + path;
    }

    private static WebDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage");
        options.setImplicitWaitTimeout(Duration.ofSeconds(5));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new java.io.File("/usr/bin/chromedriver")).build();
        return new ChromeDriver(service, options);
    }
}
