package com.clientele.generate;

import static com.clientele.generate.CustomerPopulation.CHINESE_LABELS;
import static com.clientele.generate.CustomerPopulation.CHINESE_STYLE;

/**
 * Renders a customer's master-data row (name, contacts, address, ID number, labels). Nothing is
 * stored: each attribute is recomputed from the seed, the customer index and that attribute's version
 * number, so a re-exported customer is byte-identical except in the attribute that changed (that is
 * what the SCD-2 history keeping needs), at no memory cost for a million customers.
 *
 * <p>All personal data is synthetic: e-mail domains are {@code example.*}, phone numbers random.
 */
final class CustomerProfiles {
    static final int NAME = 0;
    static final int PHONE = 1;
    static final int EMAIL = 2;
    static final int ADDRESS = 3;
    static final int ID_NUMBER = 4;
    static final int INDUSTRY = 5;
    static final int REGION = 6;
    /** Attributes a daily drop may change, with their weights. */
    static final int[] CHANGEABLE = {REGION, INDUSTRY, PHONE, ADDRESS, EMAIL, NAME};
    static final double[] CHANGE_WEIGHTS = {0.30, 0.15, 0.20, 0.20, 0.10, 0.05};

    /** The random field of the birthday / founding date (after the attributes and acquisition, 7). */
    private static final int SPECIAL_DATES = 8;
    private static final long STREAM_PROFILE = 3;
    private static final long FIELD_SALT = 0x632BE59BD9B4E019L;
    private static final long VERSION_SALT = 0x9E3779B97F4A7C15L;
    private static final double[][] ACQUISITION_WEIGHTS = {
            {0.10, 0.30, 0.15, 0.45}, {0.15, 0.30, 0.20, 0.35}, {0.40, 0.05, 0.45, 0.10},
            {0.30, 0.15, 0.35, 0.20}, {0.10, 0.35, 0.15, 0.40}};
    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String ID_CHECK = "10X98765432";
    private static final String USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] USCC_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private final long seed;
    private final CustomerPopulation pop;
    private final ReplayableRandom r = new ReplayableRandom();
    private final StringBuilder sb = new StringBuilder(64);
    private String handle;

    CustomerProfiles(long seed, CustomerPopulation pop) {
        this.seed = seed;
        this.pop = pop;
    }

    /** Version (0..15) of one attribute in the packed per-customer versions word. */
    static int version(int versions, int field) {
        return (versions >>> (4 * field)) & 15;
    }

    /** The versions word with one attribute's version incremented (saturating at 15). */
    static int bump(int versions, int field) {
        int v = version(versions, field);
        return v == 15 ? versions : versions + (1 << (4 * field));
    }

    /** The acquisition channel index (into {@link Vocabulary#ACQUISITION}) of a non-referred customer. */
    int acquisition(int i) {
        seek(i, 7, 0);
        return r.weighted(ACQUISITION_WEIGHTS[pop.nature[i]]);
    }

    /** Fills the 13 customers columns. */
    void fill(int i, int versions, String acquisition, String registeredDate, String[] f) {
        int nature = pop.nature[i];
        boolean zh = pop.has(i, CHINESE_STYLE);
        boolean zhLabels = pop.has(i, CHINESE_LABELS);
        f[0] = Text.customerId(i);
        f[1] = name(i, version(versions, NAME), nature, zh);
        f[2] = phone(i, version(versions, PHONE), zh);
        f[3] = email(i, version(versions, EMAIL));
        f[4] = address(i, version(versions, ADDRESS), zh);
        f[5] = idNumber(i, version(versions, ID_NUMBER), nature);
        f[6] = zhLabels ? Vocabulary.NATURE_ZH[nature] : Vocabulary.NATURE_EN[nature];
        f[7] = industry(i, version(versions, INDUSTRY), nature, zhLabels);
        f[8] = region(i, version(versions, REGION), zh);
        f[9] = acquisition;
        f[10] = registeredDate;
        specialDates(i, nature, f[5], f);
    }

    /**
     * birthday (people, about 60%: the date in their ID number when it has one) and founding_date
     * (organisations, about half), from their own random field so no other attribute moves.
     */
    private void specialDates(int i, int nature, String idNumber, String[] f) {
        seek(i, SPECIAL_DATES, 0);
        f[11] = "";
        f[12] = "";
        if (nature == CustomerPopulation.INDIVIDUAL) {
            if (r.chance(0.6)) {
                f[11] = idNumber.length() == 18
                        ? idNumber.substring(6, 10) + "-" + idNumber.substring(10, 12) + "-" + idNumber.substring(12, 14)
                        : java.time.LocalDate.of(1950, 1, 1).plusDays(r.nextInt(365 * 55)).toString();
            }
        } else if (r.chance(0.5)) {
            f[12] = java.time.LocalDate.of(1978, 1, 1).plusDays(r.nextInt(365 * 45)).toString();
        }
    }

    private void seek(int i, int field, int version) {
        r.state = ReplayableRandom.seedFor(seed, STREAM_PROFILE, i) + field * FIELD_SALT + version * VERSION_SALT;
    }

    /** Also sets {@link #handle}, the ASCII form used for e-mail addresses. */
    private String name(int i, int version, int nature, boolean zh) {
        seek(i, NAME, nature == CustomerPopulation.INDIVIDUAL ? 0 : version);
        sb.setLength(0);
        switch (nature) {
            case CustomerPopulation.INDIVIDUAL -> {
                if (zh) {
                    String[] s = r.pick(Vocabulary.SURNAMES);
                    String[] g1 = r.pick(Vocabulary.GIVEN);
                    sb.append(s[0]).append(g1[0]);
                    String h = s[1] + "." + g1[1];
                    if (r.chance(0.5)) {
                        String[] g2 = r.pick(Vocabulary.GIVEN);
                        sb.append(g2[0]);
                        h += g2[1];
                    }
                    handle = h;
                } else {
                    String first = r.pick(Vocabulary.FIRST_EN);
                    String last = r.pick(Vocabulary.LAST_EN);
                    sb.append(first).append(' ');
                    if (r.chance(0.02)) {
                        sb.append('"').append(r.pick(Vocabulary.NICK_EN)).append("\" ");
                    }
                    sb.append(last);
                    handle = (first + "." + last).toLowerCase(java.util.Locale.ROOT).replace("'", "");
                }
            }
            case CustomerPopulation.GOVERNMENT -> {
                int city = r.nextInt(Vocabulary.CITY_ZH.length);
                if (zh) {
                    sb.append(Vocabulary.CITY_ZH[city]).append('市').append(r.pick(Vocabulary.GOV_DEPT_ZH));
                } else {
                    sb.append("City of ").append(Vocabulary.CITY_EN[city % Vocabulary.CITY_EN.length]).append(' ')
                            .append(r.pick(Vocabulary.GOV_DEPT_EN));
                }
                handle = "gov" + (i + 1);
            }
            case CustomerPopulation.GROUP -> {
                if (zh) {
                    sb.append(r.pick(Vocabulary.CITY_ZH)).append(r.pick(Vocabulary.BRAND_ZH)[0])
                            .append(r.pick(Vocabulary.GROUP_ZH));
                } else {
                    sb.append(r.pick(Vocabulary.CITY_EN)).append(' ').append(r.pick(Vocabulary.GROUP_EN));
                }
                handle = "group" + (i + 1);
            }
            default -> { // enterprise, partner
                if (zh) {
                    String[] brand = r.pick(Vocabulary.BRAND_ZH);
                    sb.append(r.pick(Vocabulary.CITY_ZH)).append(brand[0]).append(r.pick(Vocabulary.BUSINESS_ZH))
                            .append(r.pick(Vocabulary.COMPANY_SUFFIX_ZH));
                    handle = brand[1] + (i + 1);
                } else {
                    String brand = r.pick(Vocabulary.BRAND_EN);
                    sb.append(brand).append(' ').append(r.pick(Vocabulary.BUSINESS_EN)).append(' ')
                            .append(r.pick(Vocabulary.COMPANY_SUFFIX_EN));
                    handle = brand.toLowerCase(java.util.Locale.ROOT).replace(' ', '-') + (i + 1);
                }
            }
        }
        return sb.toString();
    }

    private String phone(int i, int version, boolean zh) {
        seek(i, PHONE, version);
        if (r.chance(0.05)) {
            return "";
        }
        sb.setLength(0);
        if (zh || r.chance(0.3)) {
            if (pop.isOrganisation(i) && r.chance(0.4)) {
                sb.append("0").append(r.nextInt(900) + 100).append('-').append(r.nextInt(9) + 1);
                digits(7);
            } else {
                sb.append('1').append("3589".charAt(r.nextInt(4))).append(r.nextInt(10)).append('-');
                digits(4);
                sb.append('-');
                digits(4);
            }
        } else {
            sb.append("+1 ").append(r.nextInt(790) + 201).append("-555-");
            digits(4);
        }
        return sb.toString();
    }

    private void digits(int n) {
        for (int k = 0; k < n; k++) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
    }

    /** Uses the handle of the name rendered just before it. */
    private String email(int i, int version) {
        seek(i, EMAIL, version);
        if (r.chance(0.08)) {
            return "";
        }
        if (pop.isOrganisation(i)) {
            return r.pick(Vocabulary.ORG_MAILBOXES) + "@" + handle + ".example.com";
        }
        String suffix = version > 0 || r.chance(0.5) ? Integer.toString(r.nextInt(1000)) : "";
        return handle + suffix + "@" + r.pick(Vocabulary.EMAIL_DOMAINS);
    }

    private String address(int i, int version, boolean zh) {
        seek(i, ADDRESS, version);
        if (r.chance(0.05)) {
            return "";
        }
        sb.setLength(0);
        if (zh) {
            String[] place = r.pick(Vocabulary.PLACES_ZH);
            sb.append(place[0]).append(place[1]).append(place[2 + r.nextInt(place.length - 2)])
                    .append(r.pick(Vocabulary.ROADS_ZH)).append(r.nextInt(999) + 1).append('号');
            if (r.chance(0.5)) {
                sb.append(r.nextInt(30) + 1).append('栋').append(r.nextInt(30) + 1)
                        .append(Text.zeroPad(r.nextInt(20) + 1, 2)).append('室');
            }
        } else {
            sb.append(r.nextInt(9899) + 100).append(' ').append(r.pick(Vocabulary.STREETS_EN)).append(' ')
                    .append(r.pick(Vocabulary.STREET_TYPES_EN)).append(", ").append(r.pick(Vocabulary.CITY_EN))
                    .append(", ").append(r.pick(Vocabulary.STATES_EN)).append(' ').append(r.nextInt(89999) + 10000);
        }
        return sb.toString();
    }

    /** 18-character resident ID (with its real check digit) or unified social credit code, both synthetic. */
    private String idNumber(int i, int version, int nature) {
        seek(i, ID_NUMBER, version);
        if (r.chance(0.12)) {
            return "";
        }
        sb.setLength(0);
        if (nature == CustomerPopulation.INDIVIDUAL) {
            sb.append(r.pick(Vocabulary.ID_REGIONS));
            int year = 1950 + r.nextInt(55);
            int month = 1 + r.nextInt(12);
            int day = 1 + r.nextInt(28);
            sb.append(year).append(month < 10 ? "0" : "").append(month).append(day < 10 ? "0" : "").append(day);
            digits(3);
            int sum = 0;
            for (int k = 0; k < 17; k++) {
                sum += (sb.charAt(k) - '0') * ID_WEIGHTS[k];
            }
            sb.append(ID_CHECK.charAt(sum % 11));
        } else {
            sb.append(nature == CustomerPopulation.GOVERNMENT ? "11" : nature == CustomerPopulation.GROUP ? "51" : "91");
            sb.append(r.pick(Vocabulary.ID_REGIONS));
            for (int k = 0; k < 9; k++) {
                sb.append(USCC_CHARS.charAt(r.nextInt(USCC_CHARS.length())));
            }
            int sum = 0;
            for (int k = 0; k < 17; k++) {
                sum += USCC_CHARS.indexOf(sb.charAt(k)) * USCC_WEIGHTS[k];
            }
            sb.append(USCC_CHARS.charAt((31 - sum % 31) % 31));
        }
        return sb.toString();
    }

    private String industry(int i, int version, int nature, boolean zhLabels) {
        seek(i, INDUSTRY, version);
        int idx;
        if (nature == CustomerPopulation.GOVERNMENT) {
            idx = r.chance(0.7) ? 0 : 1 + r.nextInt(2);
        } else if (nature == CustomerPopulation.INDIVIDUAL && r.chance(0.65)) {
            return "";
        } else {
            idx = 1 + r.nextInt(Vocabulary.INDUSTRY_EN.length - 1);
        }
        return zhLabels ? Vocabulary.INDUSTRY_ZH[idx] : Vocabulary.INDUSTRY_EN[idx];
    }

    private String region(int i, int version, boolean zh) {
        seek(i, REGION, version);
        boolean zhRegion = zh ? r.chance(0.8) : r.chance(0.3);
        return zhRegion ? r.pick(Vocabulary.REGION_ZH) : r.pick(Vocabulary.REGION_EN);
    }
}
