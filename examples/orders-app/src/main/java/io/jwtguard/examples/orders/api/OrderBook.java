package io.jwtguard.examples.orders.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** In-memory orders per user (demo data, lost on restart). Thread-safe. */
@ApplicationScoped
public class OrderBook {
    /** One order; {@code refunded} once refunded. */
    public record Order(String id, String item, boolean refunded) {
        JsonObject toJson() {
            return Json.createObjectBuilder().add("id", id).add("item", item).add("refunded", refunded).build();
        }
    }

    private final Map<String, List<Order>> orders = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(1000);

    List<Order> of(String owner) {
        List<Order> list = orders.getOrDefault(owner, List.of());
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    Order place(String owner, String item) {
        Order order = new Order(Long.toString(ids.incrementAndGet()), item, false);
        List<Order> list = orders.computeIfAbsent(owner, o -> new ArrayList<>());
        synchronized (list) {
            list.add(order);
        }
        return order;
    }

    Optional<Order> refund(String owner, String id) {
        List<Order> list = orders.getOrDefault(owner, List.of());
        synchronized (list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).id().equals(id)) {
                    Order refunded = new Order(id, list.get(i).item(), true);
                    list.set(i, refunded);
                    return Optional.of(refunded);
                }
            }
        }
        return Optional.empty();
    }
}
