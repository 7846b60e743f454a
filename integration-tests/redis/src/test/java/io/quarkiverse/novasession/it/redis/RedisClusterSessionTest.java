package io.quarkiverse.novasession.it.redis;

import io.quarkiverse.novasession.it.SessionSuite;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The whole session suite against a real Redis Cluster of 3 masters with one replica each: every command the store
 * sends stays within one slot, rotations included, whichever masters the old and the new id land on.
 */
@QuarkusTest
@QuarkusTestResource(value = RedisClusterResource.class, restrictToAnnotatedClass = true)
class RedisClusterSessionTest extends SessionSuite {
}
