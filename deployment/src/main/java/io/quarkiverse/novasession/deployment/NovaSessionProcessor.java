package io.quarkiverse.novasession.deployment;

import jakarta.inject.Singleton;

import io.quarkiverse.novasession.runtime.NovaSessionBuildTimeConfig;
import io.quarkiverse.novasession.runtime.NovaSessionImpl;
import io.quarkiverse.novasession.runtime.NovaSessionRecorder;
import io.quarkiverse.novasession.runtime.ReactiveNovaSessionImpl;
import io.quarkiverse.novasession.runtime.SessionEvents;
import io.quarkiverse.novasession.runtime.SessionFailureHandler;
import io.quarkiverse.novasession.runtime.SessionRuntime;
import io.quarkiverse.novasession.runtime.StoreContext;
import io.quarkiverse.novasession.runtime.StoreFacts;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.BeanContainerBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeansRuntimeInitBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.Consume;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.vertx.http.deployment.FilterBuildItem;

/**
 * Installs Nova sessions: the session beans, always injectable, and, unless sessions are disabled, the filter that
 * gives every request its session.
 */
class NovaSessionProcessor {

    static final String FEATURE = "nova-session";

    /**
     * Between CORS (300) and authentication (200): a CORS pre-flight ends before any session is issued, and
     * authentication mechanisms already see the request's session.
     */
    static final int FILTER_PRIORITY = 250;

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem sessionBeans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(ReactiveNovaSessionImpl.class, NovaSessionImpl.class, SessionFailureHandler.class,
                        SessionEvents.class, StoreContext.class, SessionRuntime.class)
                .setUnremovable()
                .build();
    }

    /**
     * What the build knows of the chosen store, as a bean the session runtime injects.
     */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    SyntheticBeanBuildItem storeFacts(SelectedStoreBuildItem store, NovaSessionRecorder recorder) {
        return SyntheticBeanBuildItem.configure(StoreFacts.class)
                .scope(Singleton.class)
                .setRuntimeInit()
                .unremovable()
                .supplier(recorder.storeFacts(store.kind(), store.shared(), store.renames()))
                .done();
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    // the store may inject synthetic beans initialised at run time (the Infinispan client)
    @Consume(SyntheticBeansRuntimeInitBuildItem.class)
    void sessionFilter(NovaSessionBuildTimeConfig config, NovaSessionRecorder recorder,
            BeanContainerBuildItem beanContainer, BuildProducer<FilterBuildItem> filters) {
        if (config.enabled()) {
            filters.produce(new FilterBuildItem(recorder.sessionFilter(), FILTER_PRIORITY));
        }
    }
}
