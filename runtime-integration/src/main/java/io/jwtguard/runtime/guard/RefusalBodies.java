package io.jwtguard.runtime.guard;

import io.jwtguard.core.config.ConfigurationException;
import io.jwtguard.runtime.http.ProblemDetails;
import io.jwtguard.runtime.http.RefusalBodyWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** Chooses the body writer of refusals from {@link RuntimeProperties#ERROR_BODY}. */
final class RefusalBodies {
    private RefusalBodies() {
    }

    /**
     * @param properties the application's property lookup
     * @return the writer: none, RFC 9457 problem details, or the application's own
     * @throws ConfigurationException naming the property and the fix on an invalid combination
     */
    static RefusalBodyWriter choose(Function<String, Optional<String>> properties) {
        String mode = RuntimeSettings.get(properties, RuntimeProperties.ERROR_BODY).orElse("none").toLowerCase(Locale.ROOT);
        Optional<String> writer = RuntimeSettings.get(properties, RuntimeProperties.ERROR_BODY_WRITER);
        if (writer.isPresent() && !mode.equals("custom")) {
            throw new ConfigurationException(RuntimeProperties.ERROR_BODY_WRITER, "a writer is named but "
                    + RuntimeProperties.ERROR_BODY + " is '" + mode + "'; set " + RuntimeProperties.ERROR_BODY
                    + "=custom to use it, or remove " + RuntimeProperties.ERROR_BODY_WRITER);
        }
        return switch (mode) {
            case "none" -> RefusalBodyWriter.NONE;
            case "problem" -> new ProblemDetails();
            case "custom" -> ApplicationClasses.instantiate(RuntimeProperties.ERROR_BODY_WRITER,
                    writer.orElseThrow(() -> new ConfigurationException(RuntimeProperties.ERROR_BODY_WRITER,
                            "is required with " + RuntimeProperties.ERROR_BODY + "=custom; name a class of the "
                                    + "application that implements " + RefusalBodyWriter.class.getName())),
                    RefusalBodyWriter.class);
            default -> throw new ConfigurationException(RuntimeProperties.ERROR_BODY, "'" + mode
                    + "' is not one of none, problem, custom");
        };
    }
}
