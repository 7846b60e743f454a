package io.quarkiverse.novasession.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The native sources of an application module: what Quarkus hands to GraalVM's native-image, written by the
 * native-sources build of the integration-tests POM ({@code -Dquarkus.native.sources-only=true}) to the module's
 * {@code target/native-build/native-sources}. Read by {@link NativeSourcesSuite}.
 */
public final class NativeSourcesFiles {

    /** Relative to the module, the working directory of its tests. */
    public static final Path DIR = Path.of("target", "native-build", "native-sources");

    private final List<String> args;
    private final Path runnerJar;

    private NativeSourcesFiles(List<String> args, Path runnerJar) {
        this.args = args;
        this.runnerJar = runnerJar;
    }

    public static NativeSourcesFiles read() throws IOException {
        Path argsFile = DIR.resolve("native-image.args");
        assertThat(argsFile).as("native-image.args of the native-sources build (the integration-tests POM's "
                + "native-sources profile, active unless -DskipTests)").isRegularFile();
        List<String> args = List.of(Files.readString(argsFile).trim().split("\\s+"));
        int jar = args.indexOf("-jar");
        assertThat(jar).as("-jar in native-image.args").isNotNegative();
        Path runnerJar = DIR.resolve(args.get(jar + 1));
        assertThat(runnerJar).isRegularFile();
        return new NativeSourcesFiles(args, runnerJar);
    }

    /** native-image.args, split at white space */
    public List<String> args() {
        return args;
    }

    /** native-image.args options of the form {@code --name=a,b,c}, split at the commas */
    public List<String> listOption(String name) {
        List<String> values = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith(name + "=")) {
                values.addAll(Arrays.asList(arg.substring(name.length() + 1).split(",")));
            }
        }
        return values;
    }

    /** reflect-config.json of the runner jar, by class name; a class listed twice has what either entry grants */
    public Map<String, JsonNode> reflectConfig() throws IOException {
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode entry : json("META-INF/native-image/reflect-config.json")) {
            byName.merge(entry.get("name").asText(), entry, (a, b) -> {
                ObjectNode merged = a.deepCopy();
                merged.setAll((ObjectNode) b);
                return merged;
            });
        }
        return byName;
    }

    /** serialization-config.json as text: whatever its layout, a class it registers is named in it */
    public String serializationConfig() throws IOException {
        return new String(entry("META-INF/native-image/serialization-config.json"), StandardCharsets.UTF_8);
    }

    /** resource-config.json's include patterns, unquoted ({@code \Qa/b.proto\E} becomes {@code a/b.proto}) */
    public List<String> resourceIncludes() throws IOException {
        List<String> includes = new ArrayList<>();
        for (JsonNode include : json("META-INF/native-image/resource-config.json").path("resources").path("includes")) {
            includes.add(include.get("pattern").asText().replace("\\Q", "").replace("\\E", ""));
        }
        return includes;
    }

    /**
     * The constant pool of the GraalVM feature Quarkus generates, as text: it names each class it initialises at run
     * time (reflection registrations are in reflect-config.json, not here).
     */
    public String featureClassConstants() throws IOException {
        return new String(entry("io/quarkus/runner/Feature.class"), StandardCharsets.ISO_8859_1);
    }

    /** the file names of the jars in lib/, the image's class path besides the runner jar */
    public List<String> libraries() throws IOException {
        try (Stream<Path> files = Files.list(DIR.resolve("lib"))) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private JsonNode json(String name) throws IOException {
        return new ObjectMapper().readTree(entry(name));
    }

    private byte[] entry(String name) throws IOException {
        try (ZipFile zip = new ZipFile(runnerJar.toFile())) {
            ZipEntry entry = zip.getEntry(name);
            assertThat(entry).as(name + " in " + runnerJar).isNotNull();
            try (InputStream in = zip.getInputStream(entry)) {
                return in.readAllBytes();
            }
        }
    }
}
