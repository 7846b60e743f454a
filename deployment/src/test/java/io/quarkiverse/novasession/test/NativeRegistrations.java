package io.quarkiverse.novasession.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import io.quarkus.builder.BuildChainBuilder;
import io.quarkus.builder.BuildContext;
import io.quarkus.builder.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveHierarchyBuildItem;
import io.quarkus.deployment.builditem.nativeimage.RuntimeInitializedClassBuildItem;

/**
 * Records the native registrations of a test application's build: the class names of the reflection, reflective
 * hierarchy and run-time initialisation build items. {@link TestApps#recordingNativeRegistrations} adds it to the test
 * archive.
 */
final class NativeRegistrations {

    private NativeRegistrations() {
    }

    /**
     * @return what the build step of {@link #recordRegistrations(String)} saw: class names of one kind of build item
     */
    static Set<String> recorded(String prefix, String kind) {
        String value = System.getProperty(prefix + kind);
        assertThat(value).as("build items recorded by the build step of this test").isNotNull();
        return value.isEmpty() ? new TreeSet<>() : new TreeSet<>(Arrays.asList(value.split(",")));
    }

    /**
     * A build step that records the native registrations of the build in system properties starting with
     * {@code prefix}: the test and the build run in different class loaders, but in one JVM.
     */
    static Consumer<BuildChainBuilder> recordRegistrations(String prefix) {
        return chain -> chain.addBuildStep(new BuildStep() {
            @Override
            public void execute(BuildContext context) {
                Set<String> reflective = new TreeSet<>();
                Set<String> full = new TreeSet<>();
                for (ReflectiveClassBuildItem item : context.consumeMulti(ReflectiveClassBuildItem.class)) {
                    reflective.addAll(item.getClassNames());
                    if (item.isConstructors() && item.isMethods() && item.isFields()) {
                        full.addAll(item.getClassNames());
                    }
                }
                Set<String> hierarchy = new TreeSet<>();
                for (ReflectiveHierarchyBuildItem item : context.consumeMulti(ReflectiveHierarchyBuildItem.class)) {
                    hierarchy.add(item.getType().name().toString());
                }
                Set<String> runtimeInitialized = new TreeSet<>();
                for (RuntimeInitializedClassBuildItem item : context
                        .consumeMulti(RuntimeInitializedClassBuildItem.class)) {
                    runtimeInitialized.add(item.getClassName());
                }
                System.setProperty(prefix + "reflective", String.join(",", reflective));
                System.setProperty(prefix + "reflective-full", String.join(",", full));
                System.setProperty(prefix + "hierarchy", String.join(",", hierarchy));
                System.setProperty(prefix + "runtime-initialized", String.join(",", runtimeInitialized));
                context.produce(new FeatureBuildItem("nova-native-test"));
            }
        }).consumes(ReflectiveClassBuildItem.class).consumes(ReflectiveHierarchyBuildItem.class)
                .consumes(RuntimeInitializedClassBuildItem.class).produces(FeatureBuildItem.class).build();
    }
}
