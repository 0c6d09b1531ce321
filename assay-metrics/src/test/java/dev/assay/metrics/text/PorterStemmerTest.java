package dev.assay.metrics.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PorterStemmerTest {
  private final PorterStemmer stemmer = new PorterStemmer();

  /** Examples of Porter (1980), followed through all five steps. */
  @ParameterizedTest
  @CsvSource({
      "caresses,caress", "ponies,poni", "caress,caress", "cats,cat", "feed,feed", "agreed,agre",
      "plastered,plaster", "bled,bled", "motoring,motor", "sing,sing", "conflated,conflat",
      "troubled,troubl", "sized,size", "hopping,hop", "tanned,tan", "falling,fall", "hissing,hiss",
      "fizzed,fizz", "failing,fail", "filing,file", "happy,happi", "relational,relat",
      "conditional,condit", "rational,ration", "valenci,valenc", "hesitanci,hesit",
      "digitizer,digit", "differentli,differ", "vileli,vile", "analogousli,analog",
      "vietnamization,vietnam", "predication,predic", "operator,oper", "feudalism,feudal",
      "decisiveness,decis", "hopefulness,hope", "callousness,callous", "formaliti,formal",
      "sensitiviti,sensit", "sensibiliti,sensibl", "triplicate,triplic", "formative,form",
      "formalize,formal", "electriciti,electr", "electrical,electr", "goodness,good",
      "revival,reviv", "allowance,allow", "inference,infer", "airliner,airlin", "gyroscopic,gyroscop",
      "adjustable,adjust", "defensible,defens", "irritant,irrit", "replacement,replac",
      "adjustment,adjust", "dependent,depend", "adoption,adopt", "communism,commun",
      "activate,activ", "angulariti,angular", "homologous,homolog", "effective,effect",
      "bowdlerize,bowdler", "probate,probat", "rate,rate", "cease,ceas", "controll,control",
      "roll,roll", "generalization,gener", "oscillators,oscil",
  })
  void followsThePublishedAlgorithm(String word, String stem) {
    assertThat(stemmer.stem(word)).as(word).isEqualTo(stem);
  }

  /** The departures that rouge-score inherits from NLTK's default mode. */
  @ParameterizedTest
  @CsvSource({
      "skies,sky", "dying,die", "lying,lie", "news,news", "innings,inning", "proceed,proceed",
      "ties,tie", "dies,die", "died,die", "spied,spi", "flies,fli", "enjoy,enjoy", "fly,fli",
      "conformabli,conform", "radicalli,radic", "hopefulli,hope", "geology,geolog", "is,is",
  })
  void followsTheNltkDepartures(String word, String stem) {
    assertThat(stemmer.stem(word)).as(word).isEqualTo(stem);
  }

  @Test
  void measureCountsVowelConsonantPairs() {
    assertThat(PorterStemmer.measure("tr")).isZero();
    assertThat(PorterStemmer.measure("tree")).isZero();
    assertThat(PorterStemmer.measure("trouble")).isEqualTo(1);
    assertThat(PorterStemmer.measure("troubles")).isEqualTo(2);
    assertThat(PorterStemmer.measure("private")).isEqualTo(2);
    // 'y' after a consonant is a vowel, at the start a consonant
    assertThat(PorterStemmer.measure("syzygy")).isEqualTo(2);
    assertThat(PorterStemmer.measure("yoyo")).isEqualTo(1);
  }
}
