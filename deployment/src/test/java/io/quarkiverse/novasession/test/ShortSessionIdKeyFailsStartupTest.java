package io.quarkiverse.novasession.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class ShortSessionIdKeyFailsStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar
                    .addAsResource(new StringAsset("quarkus.nova-session.id-keys=too-short"), "application.properties"))
            .assertException(failure -> assertThat(UnknownManagerFailsBuildTest.rootMessage(failure))
                    .contains("quarkus.nova-session.id-keys").contains("at least 32 characters"));

    @Test
    void startupFails() {
        fail("start-up should have failed");
    }
}
