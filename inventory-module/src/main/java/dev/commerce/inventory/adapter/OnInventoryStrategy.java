package dev.commerce.inventory.adapter;

import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The condition of {@link ConditionalOnInventoryStrategy}. */
final class OnInventoryStrategy implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        InventoryStrategy chosen = Binder.get(context.getEnvironment())
                .bind("commerce.inventory.strategy", InventoryStrategy.class)
                .orElse(InventoryStrategy.PESSIMISTIC); // InventoryProperties' default
        InventoryStrategy[] wanted = metadata.getAnnotations().get(ConditionalOnInventoryStrategy.class)
                .getEnumArray("value", InventoryStrategy.class);
        return List.of(wanted).contains(chosen);
    }
}
