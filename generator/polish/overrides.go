package polish

import (
	"fmt"
	"strings"
)

// lexicon lists the words of razem's subject (partnerships, NGOs, local
// government, media) whose inflection Stempel gets wrong, each with its full
// paradigm, as "lemma: form form …". Every form, and its folded spelling,
// stems to the lemma. Stempel is a statistical suffix stemmer trained on
// general text; on these words it produces stems such as umów→um,
// umowa→umowy, gminy→gminy but gminie→gmin, projektów→projektów,
// samorzad→samorzeć and banque-like garbage, so forms of one word would not
// meet. A form is listed here only together with its whole paradigm, so
// that no form of a listed word is left to Stempel. Found by
// TestStempelOnDomainWords, which prints Stempel's answer for every form of
// the paradigms in paradigms_test.go; extend the list the same way.
const lexicon = `
beneficjent: beneficjent beneficjenta beneficjentowi beneficjentem beneficjencie beneficjenci beneficjentów beneficjentom beneficjentami beneficjentach
białystok: białystok białegostoku białemustokowi białymstokiem białymstoku
budżet: budżet budżetu budżetowi budżetem budżecie budżety budżetów budżetom budżetami budżetach
cel: cel celu celowi celem cele celów celom celami celach
ćwiczenie: ćwiczenie ćwiczenia ćwiczeniu ćwiczeniem ćwiczeń ćwiczeniom ćwiczeniami ćwiczeniach
cyfrowy: cyfrowy cyfrowa cyfrowe cyfrowego cyfrowej cyfrowemu cyfrową cyfrowym cyfrowych cyfrowymi cyfrowi
darczyńca: darczyńca darczyńcy darczyńcę darczyńcą darczyńco darczyńców darczyńcom darczyńcami darczyńcach
firma: firma firmy firmie firmę firmą firmo firm firmom firmami firmach
formalny: formalny formalna formalne formalnego formalnej formalnemu formalną formalnym formalnych formalnymi formalni
gmina: gmina gminy gminie gminę gminą gmino gmin gminom gminami gminach
gminny: gminny gminna gminne gminnego gminnej gminnemu gminną gminnym gminnych gminnymi gminni
grant: grant grantu grantowi grantem grancie granty grantów grantom grantami grantach
inicjatywa: inicjatywa inicjatywy inicjatywie inicjatywę inicjatywą inicjatywo inicjatyw inicjatywom inicjatywami inicjatywach
kampania: kampania kampanii kampanię kampanią kampanio kampanie kampaniom kampaniami kampaniach
koalicja: koalicja koalicji koalicję koalicją koalicjo koalicje koalicjom koalicjami koalicjach
lokalny: lokalny lokalna lokalne lokalnego lokalnej lokalnemu lokalną lokalnym lokalnych lokalnymi lokalni
media: media mediów mediom mediami mediach
miasto: miasto miasta miastu miastem mieście miast miastom miastami miastach
mieszkaniec: mieszkaniec mieszkańca mieszkańcowi mieszkańcem mieszkańcu mieszkańcze mieszkańcy mieszkańców mieszkańcom mieszkańcami mieszkańcach
moduł: moduł modułu modułowi modułem module moduły modułów modułom modułami modułach
nieformalny: nieformalny nieformalna nieformalne nieformalnego nieformalnej nieformalnemu nieformalną nieformalnym nieformalnych nieformalnymi nieformalni
organizacja: organizacja organizacji organizację organizacją organizacjo organizacje organizacjom organizacjami organizacjach
partner: partner partnera partnerowi partnerem partnerze partnerzy partnerów partnerom partnerami partnerach
porozumienie: porozumienie porozumienia porozumieniu porozumieniem porozumień porozumieniom porozumieniami porozumieniach
powiat: powiat powiatu powiatowi powiatem powiecie powiaty powiatów powiatom powiatami powiatach
pozarządowy: pozarządowy pozarządowa pozarządowe pozarządowego pozarządowej pozarządowemu pozarządową pozarządowym pozarządowych pozarządowymi pozarządowi
profesjonalny: profesjonalny profesjonalna profesjonalne profesjonalnego profesjonalnej profesjonalnemu profesjonalną profesjonalnym profesjonalnych profesjonalnymi profesjonalni
projekt: projekt projektu projektowi projektem projekcie projekty projektów projektom projektami projektach
prywatny: prywatny prywatna prywatne prywatnego prywatnej prywatnemu prywatną prywatnym prywatnych prywatnymi prywatni
razem: razem
samorząd: samorząd samorządu samorządowi samorządem samorządzie samorządy samorządów samorządom samorządami samorządach
sektor: sektor sektora sektorowi sektorem sektorze sektory sektorów sektorom sektorami sektorach
sieć: sieć sieci siecią sieciom sieciami sieciach
społeczność: społeczność społeczności społecznością społecznościom społecznościami społecznościach
stowarzyszenie: stowarzyszenie stowarzyszenia stowarzyszeniu stowarzyszeniem stowarzyszeń stowarzyszeniom stowarzyszeniami stowarzyszeniach
strategia: strategia strategii strategię strategią strategio strategie strategiom strategiami strategiach
szkolenie: szkolenie szkolenia szkoleniu szkoleniem szkoleń szkoleniom szkoleniami szkoleniach
umowa: umowa umowy umowie umowę umową umowo umów umowom umowami umowach
urząd: urząd urzędu urzędowi urzędem urzędzie urzędy urzędów urzędom urzędami urzędach
wartość: wartość wartości wartością wartościom wartościami wartościach
wniosek: wniosek wniosku wnioskowi wnioskiem wnioski wniosków wnioskom wnioskami wnioskach
współpraca: współpraca współpracy współpracę współpracą współpraco współprac współpracom współpracami współpracach
współpracować: współpracować współpracuję współpracujesz współpracuje współpracujemy współpracujecie współpracują współpracował współpracowała współpracowało współpracowali współpracowały współpracując
zespół: zespół zespołu zespołowi zespołem zespole zespoły zespołów zespołom zespołami zespołach
`

// overrideTable parses lexicon into form → lemma, adding the folded spelling
// of each form (umów and umow both → umowa). A folded spelling shared by two
// different lemmas is left out, so that neither word captures the other.
func overrideTable() map[string]string {
	m, err := parseLexicon(lexicon)
	if err != nil {
		panic(err) // constant data, checked by TestLexicon
	}
	return m
}

func parseLexicon(src string) (map[string]string, error) {
	out := map[string]string{}
	folded := map[string]string{}
	ambiguous := map[string]bool{}
	for n, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		lemma, forms, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("lexicon line %d: missing ':'", n)
		}
		for _, f := range strings.Fields(forms) {
			if prev, dup := out[f]; dup && prev != lemma {
				return nil, fmt.Errorf("lexicon line %d: %q is listed under %q and %q", n, f, prev, lemma)
			}
			out[f] = lemma
			ff := Fold(f)
			if prev, seen := folded[ff]; seen && prev != lemma {
				ambiguous[ff] = true
			}
			folded[ff] = lemma
		}
	}
	for ff, lemma := range folded {
		if _, listed := out[ff]; !listed && !ambiguous[ff] {
			out[ff] = lemma
		}
	}
	return out, nil
}
