package rightsize.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The report's folders and what each may use: input reads the run's files, analysis judges and
 * compares, model is what the report says, render writes it, and the generator (rightsize.report)
 * puts them together. Renderers know the model only, so a new output format needs nothing else.
 */
@AnalyzeClasses(packages = "rightsize", importOptions = ImportOption.DoNotIncludeTests.class)
class ReportLayersTest {
  @ArchTest
  static final ArchRule eachReportFolderUsesOnlyTheOnesBelowIt = layeredArchitecture()
      .consideringOnlyDependenciesInLayers()
      .layer("generator").definedBy("rightsize.report")
      .layer("render").definedBy("rightsize.report.render..")
      .layer("analysis").definedBy("rightsize.report.analysis..")
      .layer("input").definedBy("rightsize.report.input..")
      .layer("model").definedBy("rightsize.report.model..")
      .whereLayer("generator").mayNotBeAccessedByAnyLayer()
      .whereLayer("render").mayOnlyBeAccessedByLayers("generator")
      .whereLayer("analysis").mayOnlyBeAccessedByLayers("generator")
      .whereLayer("input").mayOnlyBeAccessedByLayers("generator", "analysis")
      .whereLayer("model").mayOnlyBeAccessedByLayers("generator", "analysis", "input", "render");

  @ArchTest
  static final ArchRule theReportFoldersHaveNoCycle = slices().matching("rightsize.report.(*)..")
      .should().beFreeOfCycles();
}
