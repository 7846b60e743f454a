package io.quarkiverse.novasession.it.infinispan;

import io.quarkiverse.novasession.it.AuthSuite;
import io.quarkiverse.novasession.it.infinispan.cluster.InfinispanClusterResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Quarkus Security on sessions against a real two-node Infinispan cluster.
 */
@QuarkusTest
@QuarkusTestResource(InfinispanClusterResource.class)
class InfinispanStoreAuthTest extends AuthSuite {
}
