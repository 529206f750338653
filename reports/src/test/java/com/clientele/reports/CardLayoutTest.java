package com.clientele.reports;

import static org.junit.jupiter.api.Assertions.*;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import net.sf.jasperreports.engine.JRPrintElement;
import net.sf.jasperreports.engine.JRPrintFrame;
import net.sf.jasperreports.engine.JRPrintPage;
import net.sf.jasperreports.engine.JRPrintText;
import net.sf.jasperreports.engine.JasperPrint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The customer card as a reader sees it, checked on the laid-out pages (JasperReports' print
 * elements, before PDF export): a card filled with the longest value of every column in the bundled
 * samples' exports (name, phone, e-mail, address, industry, region, acquisition channel; the
 * interactions' category, summary and resolution) must show every text whole — no text box cut
 * ({@link JRPrintText#getTextTruncateIndex()}), none taller than its frame — and no two text boxes
 * of a page may overlap (a long value wraps and pushes the rows below it down together). Every coded
 * value the samples carry prints translated (zh-CN: no raw code such as {@code sales_visit}).
 */
class CardLayoutTest {

  /**
   * Without it a cut text box holds only what it shows; with it, the whole text and the index it was
   * cut at (JRPrintText#getTextTruncateIndex), which is what this test looks for.
   */
  @org.junit.jupiter.api.BeforeAll
  static void keepFullTexts() {
    net.sf.jasperreports.engine.DefaultJasperReportsContext.getInstance()
        .setProperty(net.sf.jasperreports.engine.JRTextElement.PROPERTY_PRINT_KEEP_FULL_TEXT, "true");
  }

  @org.junit.jupiter.api.AfterAll
  static void back() {
    net.sf.jasperreports.engine.DefaultJasperReportsContext.getInstance()
        .removeProperty(net.sf.jasperreports.engine.JRTextElement.PROPERTY_PRINT_KEEP_FULL_TEXT);
  }

  static final Path SAMPLES = Path.of("..", "data-samples", "landing");

  /** The samples' values per column, read once: customers and interactions exports. */
  static Map<String, Set<String>> customers;
  static Map<String, Set<String>> interactions;

  @org.junit.jupiter.api.BeforeAll
  static void readSamples() throws IOException {
    customers = values("customers");
    interactions = values("interactions");
  }

  /** Every distinct value of each column over the samples' files of one export kind. */
  static Map<String, Set<String>> values(String kind) throws IOException {
    CsvParserSettings settings = new CsvParserSettings();
    settings.setHeaderExtractionEnabled(true);
    settings.setMaxCharsPerColumn(-1);
    settings.setLineSeparatorDetectionEnabled(true);
    Map<String, Set<String>> values = new HashMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(SAMPLES.resolve(kind))) {
      files = walk.filter(f -> f.toString().endsWith(".csv")).sorted().toList();
    }
    assertFalse(files.isEmpty(), "the samples have " + kind + " exports");
    for (Path file : files) {
      CsvParser parser = new CsvParser(settings);
      for (com.univocity.parsers.common.record.Record r : parser.parseAllRecords(file.toFile(), StandardCharsets.UTF_8)) {
        String[] headers = r.getMetaData().headers();
        for (int i = 0; i < headers.length; i++) {
          String v = r.getString(i);
          if (headers[i] != null && v != null && !v.isBlank()) {
            values.computeIfAbsent(headers[i].replace("\uFEFF", "").trim(), k -> new LinkedHashSet<>()).add(v.trim());
          }
        }
      }
    }
    return values;
  }

  /** The longest value (by its printed width: a CJK character counts twice) of a column. */
  static String longest(Map<String, Set<String>> values, String column) {
    return values.get(column).stream().max(Comparator.comparingInt(CardLayoutTest::width)
        .thenComparing(Comparator.naturalOrder())).orElseThrow();
  }

  static int width(String s) {
    return s.codePoints().map(c -> c > 0x2E80 ? 2 : 1).sum();
  }

  /** The sample card with the longest sample values, acquired by {@code channel}. */
  static CustomerCard longestCard(Map<String, Set<String>> customers, Map<String, Set<String>> interactions,
      String channel) {
    CustomerCard base = SampleGold.card(longest(customers, "name"));
    Map<String, Object> profile = new HashMap<>(base.profile());
    profile.put("industry", longest(customers, "industry"));
    profile.put("region", longest(customers, "region"));
    profile.put("acquisition_channel", channel);
    profile.put("display_name_masked", "C*** o* S*********** E******** D*********");
    List<Map<String, Object>> service = new ArrayList<>();
    for (String category : interactions.get("category")) {
      service.add(Rows.row("received_at", LocalDateTime.of(2026, 3, 2, 9, 0),
          "first_response_at", LocalDateTime.of(2026, 3, 2, 15, 30), "resolved_at", LocalDateTime.of(2026, 3, 4, 9, 0),
          "interaction_type", "complaint", "category", category, "resolution", longest(interactions, "resolution")));
    }
    List<Map<String, Object>> feedback = List.of(Rows.row("received_at", LocalDateTime.of(2026, 3, 5, 10, 0),
        "interaction_type", "feedback", "satisfaction", 4, "summary", longest(interactions, "summary")));
    var personal = new CustomerCard.PersonalData(longest(customers, "name"), longest(customers, "phone"),
        longest(customers, "email"), longest(customers, "address"));
    return new CustomerCard(profile, base.monthlyRevenue(), service, feedback, base.referrals(), "L*** Y*********",
        personal, base.lifetimeValue());
  }

  /** A text box of a page, in page coordinates. */
  record Box(String text, Rectangle2D area) {}

  static List<List<Box>> texts(JasperPrint print) {
    List<List<Box>> pages = new ArrayList<>();
    for (JRPrintPage page : print.getPages()) {
      List<Box> boxes = new ArrayList<>();
      collect(page.getElements(), 0, 0, boxes);
      pages.add(boxes);
    }
    return pages;
  }

  private static void collect(List<JRPrintElement> elements, int dx, int dy, List<Box> into) {
    for (JRPrintElement e : elements) {
      if (e instanceof JRPrintFrame frame) {
        collect(frame.getElements(), dx + frame.getX() + frame.getLineBox().getLeftPadding(),
            dy + frame.getY() + frame.getLineBox().getTopPadding(), into);
      } else if (e instanceof JRPrintText text) {
        String shown = text.getFullText();
        if (text.getTextTruncateIndex() != null) {
          fail("text cut in its box: '" + shown + "' shows only '" + shown.substring(0, text.getTextTruncateIndex())
              + "' (box " + e.getWidth() + "×" + e.getHeight() + ")");
        }
        float room = e.getHeight() - text.getLineBox().getTopPadding() - text.getLineBox().getBottomPadding();
        assertTrue(text.getTextHeight() <= room + 0.5f, "text taller than its box: '" + shown + "' needs "
            + text.getTextHeight() + " of " + room);
        if (shown != null && !shown.isBlank()) {
          into.add(new Box(shown, new Rectangle2D.Double(dx + e.getX(), dy + e.getY(), e.getWidth(), e.getHeight())));
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "zh-CN"})
  void theLongestSampleValuesFitTheirCellsAndNoTextBoxOverlapsAnother(String tag) throws Exception {
    ReportContext ctx = ReportRendererTest.context(tag);
    for (boolean personalData : List.of(true, false)) {
      CustomerCard card = longestCard(customers, interactions, longest(customers, "acquisition_channel"));
      JasperPrint print = CustomerCards.print(List.of(card), personalData, ctx);
      List<List<Box>> pages = texts(print);
      assertEquals(1, pages.size(), "one card, one page");
      List<Box> boxes = pages.get(0);
      Set<String> shown = new java.util.HashSet<>();
      boxes.forEach(b -> shown.add(b.text()));
      if (personalData) {
        for (String column : List.of("name", "phone", "email", "address")) {
          assertTrue(shown.contains(longest(customers, column)), column + " printed whole: " + shown);
        }
      }
      assertTrue(shown.contains(longest(customers, "industry")), "the export's own words print as they came");
      for (int i = 0; i < boxes.size(); i++) {
        for (int j = i + 1; j < boxes.size(); j++) {
          Box a = boxes.get(i);
          Box b = boxes.get(j);
          Rectangle2D overlap = a.area().createIntersection(b.area());
          assertFalse(overlap.getWidth() > 0.5 && overlap.getHeight() > 0.5,
              "'" + a.text() + "' " + a.area() + " overlaps '" + b.text() + "' " + b.area());
        }
      }
      // The PDF is still written from the same layout (and reads back).
      Path pdf = ReportRenderer.customerCards(List.of(card), personalData, ctx,
          Path.of("target", "report-samples", "longest-values", personalData ? "personal" : "masked"));
      String text = ReportRendererTest.squash(PdfText.of(pdf));
      assertTrue(text.contains(ReportRendererTest.squash(longest(customers, "industry"))), text);
      assertEquals(1, PdfText.pages(pdf));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "zh-CN"})
  void everyCodedValueOfTheSamplesPrintsTranslatedNeverAsTheRawCode(String tag) throws Exception {
    ReportContext ctx = ReportRendererTest.context(tag);
    Fmt fmt = ctx.fmt();
    List<String> channels = customers.get("acquisition_channel").stream().sorted().toList();
    List<CustomerCard> cards = new ArrayList<>();
    for (String channel : channels) {
      cards.add(longestCard(customers, interactions, channel));
    }
    List<List<Box>> pages = texts(CustomerCards.print(cards, false, ctx));
    assertEquals(channels.size(), pages.size());
    for (int i = 0; i < channels.size(); i++) {
      String channel = channels.get(i);
      List<String> texts = pages.get(i).stream().map(Box::text).toList();
      assertTrue(texts.contains(fmt.label("channel", channel)), channel + " shown as its label on its card: " + texts);
      for (String category : interactions.get("category")) {
        assertTrue(texts.contains(fmt.label("category", category)), "category " + category + ": " + texts);
      }
      if (tag.equals("zh-CN")) {
        Set<String> codes = new LinkedHashSet<>(customers.get("acquisition_channel"));
        codes.addAll(interactions.get("category"));
        for (String code : codes) {
          if (code.matches("[a-z_]+")) {
            assertFalse(texts.stream().anyMatch(t -> t.contains(code)), "raw code '" + code + "' on a zh-CN card: " + texts);
          }
        }
      }
    }
  }

  @org.junit.jupiter.api.Test
  void aCodeWithoutATranslationPrintsAsWordsAndFreeTextAsItCame() {
    Fmt fmt = ReportRendererTest.context("zh-CN").fmt();
    assertEquals("Trade fair", fmt.label("channel", "trade_fair"));
    assertEquals("展会", fmt.label("channel", "展会"));
    assertEquals("Trade Fair 2026", fmt.label("channel", "Trade Fair 2026"));
    assertEquals("销售拜访", fmt.label("channel", "sales_visit"));
  }
}
