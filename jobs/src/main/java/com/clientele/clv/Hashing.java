package com.clientele.clv;

/** The hash of the open-addressing tables that look values up by their bits ({@link FrequencyBlocks}). */
public final class Hashing {

  private Hashing() {}

  /**
   * MurmurHash3's 64-bit finaliser: every bit of the key moves every bit of the hash. Whole numbers
   * stored as doubles have dozens of trailing zero bits, which a plain multiplicative hash would keep
   * in the low bits a table's slot is taken from.
   */
  public static long mix(long key) {
    long h = key ^ (key >>> 33);
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }
}
