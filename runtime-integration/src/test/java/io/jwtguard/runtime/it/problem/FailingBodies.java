package io.jwtguard.runtime.it.problem;

import io.jwtguard.runtime.http.Refusal;
import io.jwtguard.runtime.http.RefusalBodyWriter;
import io.jwtguard.runtime.http.ResponseBody;
import java.util.Optional;

/** A broken application writer: the refusal must stay intact, without a body. */
public final class FailingBodies implements RefusalBodyWriter {
    @Override
    public Optional<ResponseBody> bodyFor(Refusal refusal) {
        throw new IllegalStateException("broken writer");
    }
}
