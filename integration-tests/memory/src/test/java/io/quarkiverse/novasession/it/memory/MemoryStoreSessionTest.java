package io.quarkiverse.novasession.it.memory;

import io.quarkiverse.novasession.it.SessionSuite;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class MemoryStoreSessionTest extends SessionSuite {
}
