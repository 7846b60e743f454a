package io.quarkiverse.novasession.it.infinispan;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class InfinispanStoreSessionIT extends InfinispanStoreSessionTest {
}
