package io.quarkiverse.novasession.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class UnknownManagerFailsBuildTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(RecordingStore.class, StoreNaming.class)
                    .addAsResource(new StringAsset("quarkus.nova-session.manager=memcached"), "application.properties"))
            .assertException(failure -> assertThat(rootMessage(failure))
                    .contains("Invalid quarkus.nova-session.manager")
                    .contains("'memcached' is neither a built-in store nor a class of the application")
                    .contains("Valid values: memory, infinispan, redis, or")
                    .contains(RecordingStore.class.getName()));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }

    static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
