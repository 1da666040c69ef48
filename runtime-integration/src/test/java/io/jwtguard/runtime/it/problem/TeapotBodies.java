package io.jwtguard.runtime.it.problem;

import io.jwtguard.runtime.http.Refusal;
import io.jwtguard.runtime.http.RefusalBodyWriter;
import io.jwtguard.runtime.http.ResponseBody;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** An application's own refusal body: plain text naming the status and reason. */
public final class TeapotBodies implements RefusalBodyWriter {
    @Override
    public Optional<ResponseBody> bodyFor(Refusal refusal) {
        return Optional.of(ResponseBody.of("text/plain;charset=UTF-8", ("refused " + refusal.status() + " "
                + refusal.reasonCode().orElse("-")).getBytes(StandardCharsets.UTF_8)));
    }
}
