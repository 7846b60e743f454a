package io.quarkiverse.novasession.it.redis;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The whole session suite against the packaged application (or the native executable with -Dnative), on a real
 * standalone Redis server.
 */
@QuarkusIntegrationTest
class RedisStoreSessionIT extends RedisStoreSessionTest {
}
