package io.jwtguard.runtime.it.resolver;

import io.jwtguard.runtime.http.Extraction;
import io.jwtguard.runtime.http.RequestView;
import io.jwtguard.runtime.http.TokenResolver;
import java.util.List;

/** An application's own transport: {@code X-Api-Token: <token>}, one value only. */
public class ApiTokenResolver implements TokenResolver {
    @Override
    public Extraction extract(RequestView request) {
        List<String> values = request.headerValues("X-Api-Token");
        if (values.isEmpty()) {
            return Extraction.none();
        }
        return values.size() > 1 ? Extraction.multiple() : Extraction.of(values.get(0).strip());
    }
}
