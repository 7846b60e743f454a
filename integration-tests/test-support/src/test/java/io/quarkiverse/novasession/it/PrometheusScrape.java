package io.quarkiverse.novasession.it;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One read of {@code /q/metrics} in the Prometheus text format, over HTTP, as a scraper reads it: each sample by its
 * name and labels. Labels are matched as given, in any order.
 */
public final class PrometheusScrape {

    private final String text;
    private final Map<String, Double> samples = new TreeMap<>();

    private PrometheusScrape(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(normalise(line.substring(0, space)), Double.parseDouble(line.substring(space + 1)));
        }
    }

    /**
     * @return the metrics the application shows now
     */
    public static PrometheusScrape now() {
        return new PrometheusScrape(given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract()
                .asString());
    }

    /**
     * @param labels name, value, name, value...
     * @return the sample's value, or null when there is no such sample
     */
    public Double value(String name, String... labels) {
        return samples.get(key(name, labels));
    }

    /**
     * @return the sample's value, 0 when absent (a counter or timer not yet made)
     */
    public double valueOrZero(String name, String... labels) {
        Double value = value(name, labels);
        return value == null ? 0 : value;
    }

    /**
     * @return how much the sample grew since {@code before}
     */
    public double since(PrometheusScrape before, String name, String... labels) {
        return valueOrZero(name, labels) - before.valueOrZero(name, labels);
    }

    /**
     * @return every sample whose name starts with {@code prefix}
     */
    public Map<String, Double> startingWith(String prefix) {
        Map<String, Double> found = new TreeMap<>();
        samples.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                found.put(key, value);
            }
        });
        return found;
    }

    public String text() {
        return text;
    }

    private static String key(String name, String... labels) {
        TreeSet<String> pairs = new TreeSet<>();
        for (int i = 0; i < labels.length; i += 2) {
            pairs.add(labels[i] + "=\"" + labels[i + 1] + "\"");
        }
        return pairs.isEmpty() ? name : name + "{" + String.join(",", pairs) + "}";
    }

    private static String normalise(String sample) {
        int brace = sample.indexOf('{');
        if (brace < 0) {
            return sample;
        }
        String name = sample.substring(0, brace);
        String body = sample.substring(brace + 1, sample.lastIndexOf('}'));
        TreeSet<String> pairs = new TreeSet<>();
        // label values of these meters hold no comma or quote
        for (String pair : body.split(",")) {
            if (!pair.isBlank()) {
                pairs.add(pair.trim());
            }
        }
        return pairs.isEmpty() ? name : name + "{" + String.join(",", pairs) + "}";
    }
}
