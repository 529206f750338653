package com.clientele.catalog;

import java.util.Locale;

/** Data layers: bronze = exports as they came, silver = clean business entities, gold = marts. */
public enum Layer {
  BRONZE, SILVER, GOLD;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
