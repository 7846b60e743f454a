package io.quarkiverse.novasession.runtime;

import java.util.List;

import io.quarkiverse.novasession.runtime.metrics.SessionMetrics;
import io.quarkiverse.novasession.runtime.metrics.SessionMetrics.Rejection;

/**
 * Finds the session id in the request's {@code Cookie} headers. Only an id this application issued counts: a missing,
 * empty, malformed or forged value, or several session cookies that disagree, all read as "no session", so a bad
 * value never reaches the store.
 */
final class SessionCookieReader {

    private final String cookieName;
    private final IdSigning ids;
    private final SessionMetrics metrics;

    SessionCookieReader(String cookieName, IdSigning ids) {
        this(cookieName, ids, SessionMetrics.NONE);
    }

    SessionCookieReader(String cookieName, IdSigning ids, SessionMetrics metrics) {
        this.cookieName = cookieName;
        this.ids = ids;
        this.metrics = metrics;
    }

    /**
     * @param cookieHeaders every {@code Cookie} header of the request (HTTP/2 clients may send several)
     * @return the session id, or null when the request carries no single well-formed one
     */
    String sessionId(List<String> cookieHeaders) {
        String found = null;
        for (int h = 0; h < cookieHeaders.size(); h++) {
            String header = cookieHeaders.get(h);
            int length = header.length();
            int pairStart = 0;
            while (pairStart < length) {
                int pairEnd = header.indexOf(';', pairStart);
                if (pairEnd < 0) {
                    pairEnd = length;
                }
                String value = valueIfNamed(header, pairStart, pairEnd);
                if (value != null) {
                    if (found == null) {
                        if (!ids.signer().isIssued(value)) {
                            // a guess, a tampered cookie, or one signed with a key no longer configured
                            metrics.rejected(Rejection.FORGED);
                            return null;
                        }
                        found = value;
                    } else if (!found.equals(value)) {
                        return null;
                    }
                }
                pairStart = pairEnd + 1;
            }
        }
        return found;
    }

    /**
     * @return the value of the pair in {@code header[start, end)} if its name is the session cookie's, else null
     */
    private String valueIfNamed(String header, int start, int end) {
        int nameStart = skipSpaces(header, start, end);
        // within the pair only: searching to the end of the header for every pair would make reading quadratic
        int equals = indexOf(header, '=', nameStart, end);
        if (equals < 0) {
            return null;
        }
        int nameEnd = trimEnd(header, nameStart, equals);
        if (nameEnd - nameStart != cookieName.length()
                || !header.regionMatches(nameStart, cookieName, 0, nameEnd - nameStart)) {
            return null;
        }
        int valueStart = skipSpaces(header, equals + 1, end);
        int valueEnd = trimEnd(header, valueStart, end);
        // RFC 6265 allows the value in double quotes
        if (valueEnd - valueStart >= 2 && header.charAt(valueStart) == '"' && header.charAt(valueEnd - 1) == '"') {
            valueStart++;
            valueEnd--;
        }
        return header.substring(valueStart, valueEnd);
    }

    /**
     * @return the first index of {@code c} in {@code s[from, to)}, or -1
     */
    private static int indexOf(String s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static int skipSpaces(String s, int from, int to) {
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        return from;
    }

    private static int trimEnd(String s, int from, int to) {
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
            to--;
        }
        return to;
    }
}
