package dev.commerce.inventory.adapter;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Selects a strategy package's configuration by {@code commerce.inventory.strategy}, bound as
 * {@link InventoryProperties} binds it (any case; {@code pessimistic}, the row lock, when unset).
 * Unlike {@code @ConditionalOnProperty} it takes several strategies: the row lock serves both the
 * pessimistic and the conditional strategy.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
@Conditional(OnInventoryStrategy.class)
public @interface ConditionalOnInventoryStrategy {

    /** The strategies under which the annotated configuration applies. */
    InventoryStrategy[] value();
}
