package dev.assay.metrics.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.InputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeasureCatalogTest {
  private static List<String> names(String... specs) {
    return MeasureCatalog.resolve(List.of(specs), 0).stream().map(Measure::name).toList();
  }

  @Test
  void aliasesResolveToCanonicalTrecEvalNames() {
    assertThat(names("ndcg@10", "mrr", "recall@100", "p@5", "P@20", "map@10", "success@1", "R-prec", "MAP",
        "p_10", "NDCG_CUT_5", "iprec_at_recall_0.1", "Rprec_mult_1"))
        .containsExactly("ndcg_cut_10", "recip_rank", "recall_100", "P_5", "P_20", "map_cut_10", "success_1",
            "Rprec", "map", "P_10", "ndcg_cut_5", "iprec_at_recall_0.10", "Rprec_mult_1.00");
  }

  @Test
  void familiesAndNicknamesExpandInTrecEvalOrderWithoutDuplicates() {
    assertThat(names("P")).containsExactly("P_5", "P_10", "P_15", "P_20", "P_30", "P_100", "P_200", "P_500", "P_1000");
    assertThat(names("P.3,7", "P_3")).containsExactly("P_3", "P_7");
    assertThat(names("success")).containsExactly("success_1", "success_5", "success_10");
    assertThat(names("official")).startsWith("runid", "num_q", "num_ret").contains("iprec_at_recall_1.00").hasSize(30);
    assertThat(names("all_trec")).contains("relstring", "unj_20", "rbp_resid", "gm_bpref");
  }

  @Test
  void parametersBecomePartOfTheName() {
    assertThat(names("ndcg_cut_10:level=2", "ndcg:gains=1=1,2=3", "rbp:p=0.95", "utility:b=-2:a=3"))
        .containsExactly("ndcg_cut_10:level=2", "ndcg:gains=1=1,2=3", "rbp:p=0.95", "utility:a=3:b=-2");
    Measure m = MeasureCatalog.resolve("map:level=3", 0).get(0);
    assertThat(m.level()).isEqualTo(3);
  }

  @Test
  void unknownNamesAndBadParametersAreInputErrors() {
    assertThatThrownBy(() -> names("ndgc_cut_10"))
        .isInstanceOfSatisfying(InputException.class,
            e -> assertThat(e.render()).contains("unknown retrieval measure 'ndgc_cut_10'").contains("did you mean 'ndcg_cut_10'"));
    assertThatThrownBy(() -> names("P_0")).isInstanceOfSatisfying(InputException.class,
        e -> assertThat(e.render()).contains("bad cutoff '0'"));
    assertThatThrownBy(() -> names("ndcg_cut_x")).isInstanceOf(InputException.class);
    assertThatThrownBy(() -> names("map:depth=3")).isInstanceOfSatisfying(InputException.class,
        e -> assertThat(e.render()).contains("unknown parameter 'depth'"));
    assertThatThrownBy(() -> names("map:level=0")).isInstanceOf(InputException.class);
    assertThatThrownBy(() -> names("rbp:p=1.5")).isInstanceOf(InputException.class);
    assertThatThrownBy(() -> names("ndcg:gains=a=1")).isInstanceOf(InputException.class);
    assertThatThrownBy(() -> names("runid:level=2")).isInstanceOf(InputException.class);
    assertThatThrownBy(() -> names("map:level")).isInstanceOf(InputException.class);
  }

  @Test
  void singleMeasuresOnlyAreOfferedToSuites() {
    assertThat(MeasureCatalog.single("ndcg@10", 0)).map(Measure::name).contains("ndcg_cut_10");
    assertThat(MeasureCatalog.single("P", 0)).isEmpty();
    assertThat(MeasureCatalog.single("all_trec", 0)).isEmpty();
    assertThat(MeasureCatalog.single("bleu", 0)).isEmpty();
    assertThat(MeasureCatalog.single("f1_macro", 0)).isEmpty();
  }
}
