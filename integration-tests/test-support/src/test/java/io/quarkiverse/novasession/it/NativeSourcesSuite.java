package io.quarkiverse.novasession.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The demo built for a native image as far as a machine without GraalVM can: the native sources
 * ({@code -Dquarkus.native.enabled=true -Dquarkus.native.sources-only=true}, see {@link NativeSourcesFiles}) hold every
 * registration the extension, the chosen store and the demo need. Each store's application module runs it (a
 * {@code NativeSourcesIT} subclass, which adds what is particular to its store). What GraalVM itself makes of these
 * sources is checked by hand with {@code native-analysis} (docs/modules/ROOT/pages/native.adoc).
 */
public abstract class NativeSourcesSuite {

    protected static final String DEMO = "io.quarkiverse.novasession.demo.";
    protected static final String TEST_SUPPORT = "io.quarkiverse.novasession.testsupport.";
    protected static final String RUNTIME = "io.quarkiverse.novasession.runtime.";
    protected static final String MEMORY_STORE = RUNTIME + "store.MemoryNovaSessionStore";
    protected static final String INFINISPAN_STORE = RUNTIME + "store.infinispan.InfinispanNovaSessionStore";

    protected static NativeSourcesFiles sources;
    protected static Map<String, JsonNode> reflection;

    /** the store class this module's application chose */
    protected abstract String chosenStore();

    /** the built-in store this module's application did not choose */
    protected abstract String otherStore();

    @BeforeAll
    static void read() throws IOException {
        sources = NativeSourcesFiles.read();
        reflection = sources.reflectConfig();
    }

    @Test
    void everyClassMustResolveAtBuildTimeAndThereIsNoJvmFallback() {
        // what makes a missing class a build failure (and a failure of the native-analysis check), not a run-time one
        assertThat(sources.args()).contains("--no-fallback", "--link-at-build-time")
                .noneMatch(arg -> arg.contains("AllowIncompleteClasspath") || arg.contains("allow-incomplete-classpath"));
    }

    @Test
    void theOtherStoreIsNotInTheImageAndTheChosenOneIsNotLookedUpByName() {
        // CDI hands the chosen store to the session layer: at most what CDI itself registers of it (its
        // injection constructor or fields) is known to reflection, never the class as a whole as a lookup by name would need
        assertThat(reflection).doesNotContainKey(otherStore());
        JsonNode chosen = reflection.get(chosenStore());
        if (chosen != null) {
            assertThat(chosen.has("allDeclaredConstructors") || chosen.has("allDeclaredMethods")
                    || chosen.has("allDeclaredFields") || chosen.has("allPublicConstructors")).isFalse();
        }
    }

    @Test
    void demoSessionValuesAreRegisteredWithConstructorsMethodsAndFields() {
        // Cart and CartItem are also REST bodies, which Quarkus REST registers; Profile is only a session value, in
        // the ValuesResource table of types: the extension's scan registers it, the demo does nothing
        for (String value : new String[] { "Cart", "CartItem" }) {
            assertFullyReflective(DEMO + value);
        }
        assertFullyReflective(TEST_SUPPORT + "Profile");
    }

    @Test
    void demoErrorAnswersAreRegisteredForJackson() {
        // a Response entity, which no build step can see: the demo registers it with @RegisterForReflection
        assertFullyReflective(DEMO + "Problem");
    }

    @Test
    void extensionConfigurationIsRegistered() {
        assertThat(reflection).containsKeys(RUNTIME + "NovaSessionConfig$$CMImpl",
                RUNTIME + "NovaSessionConfig$CookieConfig$$CMImpl",
                RUNTIME + "NovaSessionConfig$InfinispanStoreConfig$$CMImpl", RUNTIME + "NovaSessionBuildTimeConfig$$CMImpl",
                RUNTIME + "NovaSessionConfig$Creation", RUNTIME + "NovaSessionConfig$CookieSameSite",
                RUNTIME + "NovaSessionConfig$CookieSecure", RUNTIME + "NovaSessionConfig$CacheMode");
    }

    @Test
    void sessionIdSignerIsInitialisedAtRunTimeSoItsSecureRandomIsNotFrozenIntoTheImage() throws IOException {
        assertThat(sources.listOption("--features")).contains("io.quarkus.runner.Feature");
        assertThat(sources.featureClassConstants()).contains(RUNTIME + "SessionIdSigner");
    }

    @Test
    void nothingOfTheExtensionOrTheDemoIsRegisteredForJavaSerialization() throws IOException {
        assertThat(sources.serializationConfig()).doesNotContain("io.quarkiverse.novasession");
    }

    @Test
    void theBuildThatQuarkusIntegrationTestRunsIsLeftAlone() throws IOException {
        // the JVM application, or with -Dnative the executable: never this second build's native sources
        assertThat(Files.readString(Path.of("target", "quarkus-artifact.properties"))).containsPattern("(?m)^type=")
                .doesNotContain("type=native-sources");
    }

    /** registered with all its constructors, methods and fields: what Jackson needs to read and write it */
    protected static void assertFullyReflective(String className) {
        JsonNode entry = reflection.get(className);
        assertThat(entry).as(className + " in reflect-config.json").isNotNull();
        for (String grant : new String[] { "allDeclaredConstructors", "allDeclaredMethods", "allDeclaredFields" }) {
            assertThat(entry.path(grant).asBoolean()).as(className + " " + grant).isTrue();
        }
    }
}
