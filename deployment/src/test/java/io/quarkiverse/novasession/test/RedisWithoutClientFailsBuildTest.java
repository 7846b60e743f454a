package io.quarkiverse.novasession.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * This module's test class path has no quarkus-redis-client, as a memory-store application would not.
 */
class RedisWithoutClientFailsBuildTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar
                    .addAsResource(new StringAsset("quarkus.nova-session.manager=redis"), "application.properties"))
            .assertException(failure -> assertThat(UnknownManagerFailsBuildTest.rootMessage(failure))
                    .isEqualTo("quarkus.nova-session.manager=redis needs the io.quarkus:quarkus-redis-client "
                            + "dependency: add it to the application"));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
