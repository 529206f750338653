package com.clientele.ingest;

import static org.apache.spark.sql.functions.udf;

import com.clientele.privacy.NameMasker;
import com.clientele.privacy.PersonalDataProtector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;

/**
 * Spark column functions over {@link PersonalDataProtector}. These are UDFs on purpose: the key
 * must not appear as a literal in a query plan (plans are logged), which built-in sha2 over a
 * keyed concatenation would need.
 */
final class Pseudonyms {

  private Pseudonyms() {}

  static Column customerKey(PersonalDataProtector protector, Column customerId) {
    UDF1<String, String> f = protector::customerKey;
    return udf(f, DataTypes.StringType).apply(customerId);
  }

  static Column keyedHash(PersonalDataProtector protector, Column joined) {
    UDF1<String, String> f = protector::keyedHash;
    return udf(f, DataTypes.StringType).apply(joined);
  }

  static Column encrypt(PersonalDataProtector protector, String field, Column value) {
    UDF2<String, String, String> f = protector::encrypt;
    return udf(f, DataTypes.StringType).apply(org.apache.spark.sql.functions.lit(field), value);
  }

  static Column maskedName(Column name) {
    UDF1<String, String> f = NameMasker::mask;
    return udf(f, DataTypes.StringType).apply(name);
  }
}
