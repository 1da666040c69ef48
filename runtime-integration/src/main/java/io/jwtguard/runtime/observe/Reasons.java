package io.jwtguard.runtime.observe;

import io.jwtguard.core.dpop.DPoPRefusal;
import io.jwtguard.core.verify.RefusalReason;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.runtime.http.RequestRefusal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every refusal reason, the verifier's, then DPoP's, then the runtime's, in a fixed order. Stateless. */
final class Reasons {
    /** The verifier's reasons, then DPoP's, then the runtime's, each in declaration order; unmodifiable. */
    static final List<RefusalReason> ALL;
    /** Orders reasons as {@link #ALL} does. */
    static final Comparator<RefusalReason> ORDER = Comparator.comparingInt(Reasons::index);

    static {
        List<RefusalReason> all = new ArrayList<>(List.of(RejectionReason.values()));
        all.addAll(List.of(DPoPRefusal.values()));
        all.addAll(List.of(RequestRefusal.values()));
        ALL = List.copyOf(all);
    }

    private Reasons() {
    }

    private static int index(RefusalReason reason) {
        int index = ALL.indexOf(reason);
        return index < 0 ? Integer.MAX_VALUE : index;
    }
}
