package io.quarkiverse.novasession.it.infinispan;

import io.quarkiverse.novasession.it.SessionSuite;
import io.quarkiverse.novasession.it.infinispan.cluster.InfinispanClusterResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The whole session suite against a real two-node Infinispan cluster.
 */
@QuarkusTest
@QuarkusTestResource(InfinispanClusterResource.class)
class InfinispanStoreSessionTest extends SessionSuite {
}
