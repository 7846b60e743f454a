package io.quarkiverse.novasession.runtime;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;

/**
 * Marks the store {@code quarkus.nova-session.manager} chose: the build adds it to that class (and only that one), so
 * that the session layer gets its store from CDI even when the application has other beans implementing the SPI (a
 * delegate, say). The store keeps {@code @Default} as well.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD })
public @interface SelectedStore {

    /**
     * The qualifier as a value, for programmatic lookup.
     */
    final class Literal extends AnnotationLiteral<SelectedStore> implements SelectedStore {

        public static final Literal INSTANCE = new Literal();
        private static final long serialVersionUID = 1L;
    }
}
