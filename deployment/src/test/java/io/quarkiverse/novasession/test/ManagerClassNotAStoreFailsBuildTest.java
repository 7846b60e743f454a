package io.quarkiverse.novasession.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class ManagerClassNotAStoreFailsBuildTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(StoreNaming.class)
                    .addAsResource(new StringAsset("quarkus.nova-session.manager=" + StoreNaming.class.getName()),
                            "application.properties"))
            .assertException(failure -> assertThat(UnknownManagerFailsBuildTest.rootMessage(failure))
                    .contains("class " + StoreNaming.class.getName()
                            + " does not implement io.quarkiverse.novasession.NovaSessionStore")
                    .contains("Valid values: memory")
                    .contains("(the application has none)"));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
