package io.quarkiverse.novasession.deployment;

import java.util.Collection;
import java.util.Optional;
import java.util.TreeSet;

import jakarta.enterprise.inject.Default;

import org.jboss.jandex.AnnotationTransformation;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;

import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.runtime.NovaSessionBuildTimeConfig;
import io.quarkiverse.novasession.runtime.SelectedStore;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.AnnotationsTransformerBuildItem;
import io.quarkus.arc.processor.BuiltinScope;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Resolves {@code quarkus.nova-session.manager} to one store class and makes that class, and only that one, a bean.
 */
class NovaSessionStoreProcessor {

    private static final DotName STORE_SPI = DotName.createSimple(NovaSessionStore.class);

    @BuildStep
    SelectedStoreBuildItem selectStore(NovaSessionBuildTimeConfig config, CombinedIndexBuildItem index) {
        String manager = config.manager().trim();
        Optional<BuiltInStore> builtIn = BuiltInStore.named(manager);
        if (builtIn.isPresent()) {
            BuiltInStore store = builtIn.get();
            Optional<String> required = store.requiredClassName();
            if (required.isPresent() && !QuarkusClassLoader.isClassPresentAtRuntime(required.get())) {
                throw new ConfigurationException("quarkus.nova-session.manager=" + manager + " needs the "
                        + store.requiredDependency() + " dependency: add it to the application");
            }
            return new SelectedStoreBuildItem(store.storeClassName(), store, true);
        }
        // whether instances share a custom store is the application's secret: the recorder warns instead of failing
        String storeClassName = checkCustomStore(manager, index.getIndex());
        return new SelectedStoreBuildItem(storeClassName, null, renames(storeClassName, index.getIndex()));
    }

    /**
     * Whether the store class, or a class it extends, implements {@code renameSession}: if none does, the session layer
     * keeps a key list per session and rotates ids by copying.
     */
    private static boolean renames(String storeClassName, IndexView index) {
        DotName name = DotName.createSimple(storeClassName);
        while (name != null && !name.toString().equals(Object.class.getName())) {
            ClassInfo type = index.getClassByName(name);
            if (type == null) {
                // a class outside the index (a library's): assume it renames, as the built-in stores it may extend do
                return true;
            }
            if (type.methods().stream().anyMatch(m -> m.name().equals("renameSession") && m.parametersCount() == 2
                    && !java.lang.reflect.Modifier.isAbstract(m.flags()))) {
                return true;
            }
            name = type.superName();
        }
        return false;
    }

    /**
     * The chosen store, and only it, gets {@link SelectedStore} (and keeps {@code @Default}): the session layer asks CDI
     * for it by that qualifier, so the application may have other beans implementing the SPI.
     */
    @BuildStep
    AnnotationsTransformerBuildItem selectedStoreQualifier(SelectedStoreBuildItem store) {
        DotName selected = DotName.createSimple(store.storeClassName());
        return new AnnotationsTransformerBuildItem(AnnotationTransformation.forClasses()
                .whenClass(type -> type.name().equals(selected))
                .transform(context -> {
                    context.add(SelectedStore.class);
                    context.add(Default.class);
                }));
    }

    @BuildStep
    AdditionalBeanBuildItem storeBean(SelectedStoreBuildItem store) {
        // a custom store without a bean annotation becomes @ApplicationScoped, so it can inject what it needs
        return AdditionalBeanBuildItem.builder()
                .addBeanClass(store.storeClassName())
                .setDefaultScope(BuiltinScope.APPLICATION.getName())
                .setUnremovable()
                .build();
    }

    private static String checkCustomStore(String manager, IndexView index) {
        Collection<ClassInfo> implementors = index.getAllKnownImplementors(STORE_SPI);
        TreeSet<String> candidates = new TreeSet<>();
        for (ClassInfo implementor : implementors) {
            if (!implementor.isAbstract() && !implementor.isInterface()
                    && !implementor.name().toString().startsWith("io.quarkiverse.novasession.runtime.")) {
                candidates.add(implementor.name().toString());
            }
        }
        if (candidates.contains(manager)) {
            return manager;
        }
        String problem = index.getClassByName(DotName.createSimple(manager)) != null
                ? "class " + manager + " does not implement " + NovaSessionStore.class.getName()
                        + " (or is abstract)"
                : "'" + manager + "' is neither a built-in store nor a class of the application";
        throw new ConfigurationException("Invalid quarkus.nova-session.manager: " + problem + ". Valid values: "
                + BuiltInStore.names() + ", or the fully qualified name of a concrete class implementing "
                + NovaSessionStore.class.getName()
                + (candidates.isEmpty() ? " (the application has none)"
                        : " (the application has: "
                                + String.join(", ", candidates) + ")"));
    }
}
