package io.jwtguard.core.verify;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every posture finding of one configuration. Immutable.
 *
 * @param profile the active profile, not null
 * @param findings the findings, most severe first; unmodifiable
 */
public record PostureReport(Profile profile, List<PostureFinding> findings) {
    public PostureReport {
        findings = findings.stream()
                .sorted((a, b) -> a.severity().compareTo(b.severity()))
                .collect(Collectors.toUnmodifiableList());
    }

    /** @return the findings of that severity, in report order */
    public List<PostureFinding> withSeverity(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).collect(Collectors.toUnmodifiableList());
    }

    /** @return whether a finding of {@code code} is present, at any severity */
    public boolean has(FindingCode code) {
        return findings.stream().anyMatch(f -> f.code() == code);
    }

    /** @return whether any finding is an unacknowledged error */
    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }

    /** @return a multi-line summary suitable for a log */
    public String summary() {
        StringBuilder sb = new StringBuilder("JWT Guard posture (profile ").append(profile.propertyValue())
                .append("): ").append(findings.size()).append(findings.size() == 1 ? " finding" : " findings");
        for (PostureFinding f : findings) {
            sb.append(System.lineSeparator()).append("  ").append(f);
        }
        return sb.toString();
    }
}
