package io.quarkiverse.novasession.runtime.devui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.quarkiverse.novasession.NovaSessionCreated;
import io.quarkiverse.novasession.NovaSessionDestroyed;
import io.quarkiverse.novasession.NovaSessionExpired;
import io.vertx.core.json.JsonObject;

/**
 * The Dev UI's live feed: each lifecycle event reaches the subscribers of {@code streamEvents} as it happens, and the
 * last {@value NovaSessionJsonRPCService#RECENT_EVENTS} are kept for a page that opens later.
 */
class NovaSessionJsonRPCServiceFeedTest {

    @Test
    void everyLifecycleEventReachesTheFeedInOrder() {
        NovaSessionJsonRPCService service = new NovaSessionJsonRPCService();
        List<JsonObject> received = new CopyOnWriteArrayList<>();
        service.streamEvents().subscribe().with(received::add);

        service.created(new NovaSessionCreated("k1"));
        service.destroyed(new NovaSessionDestroyed("k1", NovaSessionDestroyed.Cause.ROTATED));
        service.expired(new NovaSessionExpired("k2"));

        assertThat(received).extracting(event -> event.getString("type") + ":" + event.getString("storeKey") + ":"
                + event.getString("cause", "")).containsExactly("created:k1:", "destroyed:k1:rotated", "expired:k2:");
        assertThat(received).allSatisfy(event -> assertThat(event.getString("at")).isNotBlank());
    }

    @Test
    void aPageOpenedLaterSeesTheLastEventsOnly() {
        NovaSessionJsonRPCService service = new NovaSessionJsonRPCService();
        for (int i = 0; i < NovaSessionJsonRPCService.RECENT_EVENTS + 10; i++) {
            service.created(new NovaSessionCreated("k" + i));
        }
        assertThat(service.getRecentEvents()).hasSize(NovaSessionJsonRPCService.RECENT_EVENTS);
        assertThat(service.getRecentEvents().getJsonObject(0).getString("storeKey")).isEqualTo("k10");
    }
}
