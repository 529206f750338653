package com.clientele.ingest;

import static org.junit.jupiter.api.Assertions.*;

import com.clientele.testing.LandingFolder;
import com.clientele.testing.SparkExtension;
import com.clientele.testing.TestWarehouse;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Chinese exports: a GBK file with Chinese headers (mapped by the erp_transactions source
 * definition, no code) and a UTF-8 file with a byte-order mark both load with their text intact.
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EncodingTest {

  TestWarehouse wh;

  @BeforeAll
  void ingest(SparkSession spark, @TempDir Path tmp) {
    LandingFolder landing = new LandingFolder(tmp.resolve("landing"));
    ByteArrayOutputStream bom = new ByteArrayOutputStream();
    bom.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    bom.writeBytes((LandingFolder.CUSTOMERS_HEADER + "\n"
        + "C10,张伟,,,,,企事业单位,制造业,广东省,exhibition,2025-05-01\n"
        + "C11,李娜,,,,,个人,,浙江省,referral,2025-06-01\n").getBytes(StandardCharsets.UTF_8));
    landing.writeBytes("customers", "2026-04-01", "crm-bom.csv", bom.toByteArray());
    landing.write("erp_transactions", "2026-04-01", "erp-export.csv", Charset.forName("GBK"),
        "单据编号,客户编号,交易日期,金额,数量,成本,产品类别,渠道\r",
        "ERP-1,C10,2026/4/1,\"1,280.00\",2,800.00,办公设备,门店\r",
        "ERP-2,C11,2026年4月1日,\"￥2,000.50\",1,,软件服务,线上\r");
    wh = new TestWarehouse(spark, tmp.resolve("warehouse"));
    wh.ingest(landing.root(), "2026-04-01");
  }

  @Test
  void encodingsAreDetectedAndLogged() {
    Map<String, String> encodings = wh.sql("SELECT source_file, encoding FROM silver.ingest_log").stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r.getString(1)));
    assertEquals("UTF-8+BOM", encodings.get("customers/2026-04-01/crm-bom.csv"));
    assertEquals("GB18030", encodings.get("erp_transactions/2026-04-01/erp-export.csv"));
    assertEquals(0, wh.count("SELECT count(*) FROM silver.quarantine"));
  }

  @Test
  void chineseHeadersMapToCanonicalColumnsAndTextSurvives() {
    Map<String, Row> rows = wh.sql("SELECT transaction_id, amount, product_category, channel, transaction_date, "
            + "quantity, cost, customer_key FROM silver.transactions").stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r));
    assertEquals(new BigDecimal("1280.00"), rows.get("ERP-1").getDecimal(1));
    assertEquals("办公设备", rows.get("ERP-1").getString(2));
    assertEquals("门店", rows.get("ERP-1").getString(3));
    assertEquals(new BigDecimal("800.00"), rows.get("ERP-1").getDecimal(6));
    assertEquals(new BigDecimal("2000.50"), rows.get("ERP-2").getDecimal(1));
    assertEquals("2026-04-01", rows.get("ERP-2").get(4).toString(), "年月日 dates parse");
    assertEquals(wh.key("C11"), rows.get("ERP-2").getString(7));
  }

  @Test
  void theByteOrderMarkDoesNotHideTheFirstHeader() {
    Row c10 = wh.sql("SELECT nature, nature_label, industry, display_name_masked FROM silver.customers WHERE customer_key = '"
        + wh.key("C10") + "'").get(0);
    assertEquals("enterprise", c10.getString(0));
    assertEquals("企事业单位", c10.getString(1));
    assertEquals("制造业", c10.getString(2));
    assertEquals("张*", c10.getString(3));
  }
}
