package io.jwtguard.runtime.http;

import java.util.Optional;

/**
 * Writes the body of a refusal (401, 403, 400, 503) that JWT Guard answers: the hook for an
 * application that wants its own error format. Named by {@code jwtguard.error-body.writer} with
 * {@code jwtguard.error-body=custom}; the built-in {@code problem} writer is {@link ProblemDetails}.
 * The status, {@code WWW-Authenticate} challenge, {@code Retry-After} and
 * {@code Cache-Control: no-store} headers are JWT Guard's and unchanged, whatever the body.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>a public no-argument constructor (created once per application), immutable and thread-safe;</li>
 *   <li>fast and without I/O: it runs on the request thread of every refused request;</li>
 *   <li>an exception is logged (once a minute at most) and the refusal is answered without a body.</li>
 * </ul>
 */
@FunctionalInterface
public interface RefusalBodyWriter {
    /** Writes no body: the default ({@code jwtguard.error-body=none}). */
    RefusalBodyWriter NONE = refusal -> Optional.empty();

    /**
     * @param refusal the refusal, not null; it holds nothing from the request
     * @return the body, or empty for none
     */
    Optional<ResponseBody> bodyFor(Refusal refusal);
}
