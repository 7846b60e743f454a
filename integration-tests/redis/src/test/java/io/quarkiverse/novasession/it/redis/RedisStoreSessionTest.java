package io.quarkiverse.novasession.it.redis;

import io.quarkiverse.novasession.it.SessionSuite;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The whole session suite against a real standalone Redis server.
 */
@QuarkusTest
@QuarkusTestResource(value = RedisStandaloneResource.class, restrictToAnnotatedClass = true)
class RedisStoreSessionTest extends SessionSuite {
}
