package io.quarkiverse.novasession.deployment.devui;

import io.quarkiverse.novasession.runtime.NovaSessionBuildTimeConfig;
import io.quarkiverse.novasession.runtime.devui.NovaSessionJsonRPCService;
import io.quarkus.deployment.IsDevelopment;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;

/**
 * The "Nova Session" card of the Dev UI: one page of settings, sessions and lifecycle events, served by
 * {@link NovaSessionJsonRPCService}. Dev mode only: a production build has neither the card nor the service bean.
 */
class NovaSessionDevUIProcessor {

    @BuildStep(onlyIf = IsDevelopment.class)
    CardPageBuildItem card(NovaSessionBuildTimeConfig config) {
        CardPageBuildItem card = new CardPageBuildItem();
        card.addBuildTimeData("manager", config.manager().trim());
        card.addPage(Page.webComponentPageBuilder()
                .title("Sessions")
                .icon("font-awesome-solid:id-card")
                .componentLink("qwc-nova-session-sessions.js")
                .staticLabel(config.enabled() ? config.manager().trim() : "disabled"));
        return card;
    }

    /**
     * Not limited to dev mode, as the Dev UI asks: the Dev UI itself, present in dev mode only, makes the service a
     * bean.
     */
    @BuildStep
    JsonRPCProvidersBuildItem jsonRpcService() {
        return new JsonRPCProvidersBuildItem(NovaSessionJsonRPCService.class);
    }
}
