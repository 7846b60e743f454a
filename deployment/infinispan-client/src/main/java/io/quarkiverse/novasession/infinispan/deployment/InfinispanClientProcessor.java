package io.quarkiverse.novasession.infinispan.deployment;

import java.util.Optional;

import io.quarkiverse.novasession.runtime.NovaSessionBuildTimeConfig;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.infinispan.client.deployment.InfinispanClientNameBuildItem;
import io.quarkus.infinispan.client.runtime.InfinispanClientUtil;

/**
 * Asks the Infinispan extension for the client the session store uses. The extension creates a named client only
 * when a build step or an injection point asks for it, and the store looks its client up at run time, so without this
 * a client named by {@code quarkus.nova-session.infinispan.client-name} that nothing else injects would not exist.
 * <p>
 * In its own extension, a conditional dependency of quarkus-nova-session enabled by quarkus-infinispan-client: this
 * class references the Infinispan client's build items, which a memory-store application does not have.
 */
class InfinispanClientProcessor {

    private static final String INFINISPAN_MANAGER = "infinispan";

    @BuildStep
    InfinispanClientNameBuildItem sessionClient(NovaSessionBuildTimeConfig config) {
        Optional<String> name = config.infinispan().clientName();
        if (!INFINISPAN_MANAGER.equals(config.manager()) || name.isEmpty()
                || InfinispanClientUtil.isDefault(name.get())) {
            // the default client: the Infinispan extension creates it whenever it is configured
            return null;
        }
        return new InfinispanClientNameBuildItem(name.get());
    }
}
