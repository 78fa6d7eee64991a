package rightsize.report.render;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * A page template of this package's resources (Mustache, logic-less): {@code {{x}}} writes a value
 * escaped by {@link Html#esc}, {@code {{{x}}}} writes it as it is, sections repeat lists and show
 * what is not null, false or empty. Compiled once; rendering is thread-safe.
 */
final class Template {
  private static final DefaultMustacheFactory FACTORY = new DefaultMustacheFactory("rightsize/report/render") {
    @Override
    public void encode(String value, Writer writer) {
      try {
        writer.write(Html.esc(value));
      } catch (IOException e) {
        throw new MustacheException("cannot write " + value, e);
      }
    }
  };

  private final Mustache mustache;

  private Template(Mustache mustache) {
    this.mustache = mustache;
  }

  /** The template {@code name} of this package's resources, e.g. "tradeoffs.html.mustache". */
  static Template of(String name) {
    return new Template(FACTORY.compile(name));
  }

  /** The page with the values of {@code scope}: its accessor methods, by name. */
  String render(Object scope) {
    StringWriter out = new StringWriter();
    try {
      mustache.execute(out, scope).flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
