package io.quarkiverse.novasession.it.memory;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class MemoryStoreSessionIT extends MemoryStoreSessionTest {
}
