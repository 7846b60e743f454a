package io.quarkiverse.novasession.it.redis;

import io.quarkiverse.novasession.it.AuthSuite;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Quarkus Security on sessions against a real standalone Redis: logins, the principal index and its limits.
 */
@QuarkusTest
@QuarkusTestResource(value = RedisStandaloneResource.class, restrictToAnnotatedClass = true)
class RedisStoreAuthTest extends AuthSuite {
}
