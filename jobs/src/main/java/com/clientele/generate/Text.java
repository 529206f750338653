package com.clientele.generate;

import java.time.LocalDate;

/**
 * Fast, locale-independent formatting of the values the generator writes millions of times: dates
 * and timestamps relative to the first history day (day strings are cached), money from long cents
 * with exactly two decimals, and zero-padded ids. Avoids {@code String.format}, whose cost and
 * locale sensitivity would dominate at 10M rows.
 */
final class Text {
    static final int SECONDS_PER_DAY = 86_400;

    private final LocalDate base;
    private final String[] dates;

    /** @param days how many days from {@code base} to cache; others are formatted on demand */
    Text(LocalDate base, int days) {
        this.base = base;
        this.dates = new String[days];
        for (int i = 0; i < days; i++) {
            dates[i] = base.plusDays(i).toString();
        }
    }

    /** yyyy-MM-dd of day {@code day} (0 = the first history day). */
    String date(int day) {
        if (day >= 0 && day < dates.length) {
            return dates[day];
        }
        return base.plusDays(day).toString();
    }

    /** yyyy-MM-dd HH:mm:ss of {@code seconds} since midnight of the first history day. */
    String timestamp(long seconds) {
        int day = (int) Math.floorDiv(seconds, SECONDS_PER_DAY);
        int s = Math.floorMod(seconds, SECONDS_PER_DAY);
        String d = date(day);
        char[] out = new char[d.length() + 9];
        d.getChars(0, d.length(), out, 0);
        int p = d.length();
        out[p++] = ' ';
        p = two(out, p, s / 3600);
        out[p++] = ':';
        p = two(out, p, s / 60 % 60);
        out[p++] = ':';
        two(out, p, s % 60);
        return new String(out);
    }

    private static int two(char[] out, int p, int v) {
        out[p] = (char) ('0' + v / 10);
        out[p + 1] = (char) ('0' + v % 10);
        return p + 2;
    }

    /** Cents as a plain decimal with exactly two decimals: 12345 → "123.45", -5 → "-0.05". */
    static String money(long cents) {
        StringBuilder sb = new StringBuilder(16);
        if (cents < 0) {
            sb.append('-');
            cents = -cents;
        }
        sb.append(cents / 100).append('.');
        long c = cents % 100;
        if (c < 10) {
            sb.append('0');
        }
        return sb.append(c).toString();
    }

    /** The number zero-padded to at least {@code width} digits: (7, 4) → "0007". */
    static String zeroPad(long n, int width) {
        String digits = Long.toString(n);
        StringBuilder sb = new StringBuilder(width);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(digits).toString();
    }

    /** Prefix plus the number zero-padded to at least {@code width} digits: ('T', 42, 8) → "T00000042". */
    static String id(char prefix, long n, int width) {
        String digits = Long.toString(n);
        StringBuilder sb = new StringBuilder(width + 1).append(prefix);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(digits).toString();
    }

    static String customerId(int index) {
        return id('C', index + 1L, 6);
    }
}
