package io.quarkiverse.novasession.deployment;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.logging.Logger;

import io.quarkiverse.novasession.runtime.SessionIdSigner;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveHierarchyBuildItem;
import io.quarkus.deployment.builditem.nativeimage.RuntimeInitializedClassBuildItem;
import io.quarkus.deployment.pkg.steps.NativeOrNativeSourcesBuild;

/**
 * What a native image needs from the session layer itself, so that an application needs no native configuration of
 * its own (each built-in store's processor registers what that store needs):
 * <ul>
 * <li>the session id signer initialised at run time: its {@code SecureRandom} must not be created at build time and
 * frozen into the image, which would give every start of the executable the same random state;</li>
 * <li>in native builds only, the application's session value types registered for reflection, so that Jackson can write
 * and read them: every type the application's bytecode shows going into or out of the session (see
 * {@link SessionValueScanner}).</li>
 * </ul>
 * The store itself needs no registration: CDI hands it over ({@code SelectedStore}). Values are JSON text, never Java
 * serialization.
 */
class NovaSessionNativeProcessor {

    private static final Logger LOG = Logger.getLogger(NovaSessionNativeProcessor.class);

    @BuildStep
    RuntimeInitializedClassBuildItem sessionIdSignerAtRunTime() {
        return new RuntimeInitializedClassBuildItem(SessionIdSigner.class.getName());
    }

    /**
     * Only for native builds (and native sources): a JVM build or dev mode never needs these registrations, so it
     * does not pay for reading the application's bytecode, and never logs the warning below.
     */
    @BuildStep(onlyIf = NativeOrNativeSourcesBuild.class)
    void sessionValueTypes(CombinedIndexBuildItem combinedIndex, BuildProducer<ReflectiveHierarchyBuildItem> hierarchies) {
        SessionValueScanner scanner = new SessionValueScanner(Thread.currentThread().getContextClassLoader());
        IndexView index = combinedIndex.getIndex();
        Set<DotName> users = new TreeSet<>();
        for (DotName api : SessionValueScanner.SESSION_APIS) {
            for (ClassInfo user : index.getKnownUsers(api)) {
                users.add(user.name());
            }
        }
        for (DotName user : users) {
            if (!SessionValueScanner.isExtensionClass(user.toString())) {
                scanner.scan(user.toString());
            }
        }
        for (Map.Entry<String, Set<String>> value : scanner.valueTypes().entrySet()) {
            hierarchies.produce(ReflectiveHierarchyBuildItem
                    .builder(DotName.createSimple(value.getKey()))
                    // classes outside the Jandex index are indexed on demand, so their field types are followed too
                    .index(combinedIndex.getComputingIndex())
                    .source("Nova Session value type, used in " + String.join(", ", value.getValue()))
                    .build());
        }
        if (!scanner.unknownTypeCallSites().isEmpty()) {
            LOG.warn("Nova Session: the type of the session value read at "
                    + String.join(", ", scanner.unknownTypeCallSites())
                    + " is only known at run time. In a native image Jackson can read it only if it is registered for"
                    + " reflection: annotate the value class with @io.quarkus.runtime.annotations.RegisterForReflection");
        }
        LOG.debugf("Nova Session value types registered for reflection: %s", scanner.valueTypes().keySet());
    }
}
