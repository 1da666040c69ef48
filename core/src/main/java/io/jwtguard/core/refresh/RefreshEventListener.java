package io.jwtguard.core.refresh;

/**
 * Told about reuse detection and revocations. Called on the refreshing thread; must be quick and
 * must not throw (a throwing listener is logged and ignored: it never changes the outcome).
 */
@FunctionalInterface
public interface RefreshEventListener {
    /** A listener that ignores everything. */
    RefreshEventListener NONE = event -> { };

    /** @param event what happened, not null */
    void onEvent(RefreshEvent event);
}
