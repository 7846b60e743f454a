package io.quarkiverse.novasession.it.memory;

import io.quarkiverse.novasession.it.AuthSuite;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class MemoryStoreAuthTest extends AuthSuite {
}
