package polish

import "strings"

// paradigm is one hand-written inflection table: every form of one lexeme
// that a learner may type or a trainer may write.
type paradigm struct {
	lemma string
	forms []string
}

func p(lemma, forms string) paradigm {
	return paradigm{lemma: lemma, forms: strings.Fields(forms)}
}

// paradigms are the words of the training materials (partnerships, NGOs,
// local government, media) with all their case forms. They are the ground
// truth for the recall figure and for the override list.
var paradigms = []paradigm{
	p("koalicja", "koalicja koalicji koalicję koalicją koalicjo koalicje koalicjom koalicjami koalicjach"),
	p("partner", "partner partnera partnerowi partnerem partnerze partnerzy partnerów partnerom partnerami partnerach"),
	p("partnerstwo", "partnerstwo partnerstwa partnerstwu partnerstwem partnerstwie partnerstw partnerstwom partnerstwami partnerstwach"),
	p("ambasador", "ambasador ambasadora ambasadorowi ambasadorem ambasadorze ambasadorzy ambasadorowie ambasadorów ambasadorom ambasadorami ambasadorach"),
	p("sponsor", "sponsor sponsora sponsorowi sponsorem sponsorze sponsorzy sponsorów sponsorom sponsorami sponsorach"),
	p("współpraca", "współpraca współpracy współpracę współpracą współpraco współprac współpracom współpracami współpracach"),
	p("samorząd", "samorząd samorządu samorządowi samorządem samorządzie samorządy samorządów samorządom samorządami samorządach"),
	p("organizacja", "organizacja organizacji organizację organizacją organizacjo organizacje organizacjom organizacjami organizacjach"),
	p("licencja", "licencja licencji licencję licencją licencje licencjom licencjami licencjach"),
	p("fundacja", "fundacja fundacji fundację fundacją fundacje fundacjom fundacjami fundacjach"),
	p("stowarzyszenie", "stowarzyszenie stowarzyszenia stowarzyszeniu stowarzyszeniem stowarzyszeń stowarzyszeniom stowarzyszeniami stowarzyszeniach"),
	p("wolontariusz", "wolontariusz wolontariusza wolontariuszowi wolontariuszem wolontariuszu wolontariusze wolontariuszy wolontariuszom wolontariuszami wolontariuszach"),
	p("beneficjent", "beneficjent beneficjenta beneficjentowi beneficjentem beneficjencie beneficjenci beneficjentów beneficjentom beneficjentami beneficjentach"),
	p("darczyńca", "darczyńca darczyńcy darczyńcę darczyńcą darczyńco darczyńców darczyńcom darczyńcami darczyńcach"),
	p("łącznik", "łącznik łącznika łącznikowi łącznikiem łączniku łącznicy łączniki łączników łącznikom łącznikami łącznikach"),
	p("facylitator", "facylitator facylitatora facylitatorowi facylitatorem facylitatorze facylitatorzy facylitatorów facylitatorom facylitatorami facylitatorach"),
	p("media", "media mediów mediom mediami mediach"),
	p("gmina", "gmina gminy gminie gminę gminą gmino gmin gminom gminami gminach"),
	p("umowa", "umowa umowy umowie umowę umową umowo umów umowom umowami umowach"),
	p("projekt", "projekt projektu projektowi projektem projekcie projekty projektów projektom projektami projektach"),
	p("szkolenie", "szkolenie szkolenia szkoleniu szkoleniem szkoleń szkoleniom szkoleniami szkoleniach"),
	p("kampania", "kampania kampanii kampanię kampanią kampanie kampaniom kampaniami kampaniach"),
	p("społeczność", "społeczność społeczności społecznością społecznościom społecznościami społecznościach"),
	p("inicjatywa", "inicjatywa inicjatywy inicjatywie inicjatywę inicjatywą inicjatyw inicjatywom inicjatywami inicjatywach"),
	p("dotacja", "dotacja dotacji dotację dotacją dotacje dotacjom dotacjami dotacjach"),
	p("porozumienie", "porozumienie porozumienia porozumieniu porozumieniem porozumień porozumieniom porozumieniami porozumieniach"),
	p("mieszkaniec", "mieszkaniec mieszkańca mieszkańcowi mieszkańcem mieszkańcu mieszkańcy mieszkańców mieszkańcom mieszkańcami mieszkańcach"),
	p("urząd", "urząd urzędu urzędowi urzędem urzędzie urzędy urzędów urzędom urzędami urzędach"),
	p("powiat", "powiat powiatu powiatowi powiatem powiecie powiaty powiatów powiatom powiatami powiatach"),
	p("województwo", "województwo województwa województwu województwem województwie województw województwom województwami województwach"),
	p("dziennikarz", "dziennikarz dziennikarza dziennikarzowi dziennikarzem dziennikarzu dziennikarze dziennikarzy dziennikarzom dziennikarzami dziennikarzach"),
	p("sieć", "sieć sieci siecią sieciom sieciami sieciach"),
	p("zaufanie", "zaufanie zaufania zaufaniu zaufaniem"),
	p("wartość", "wartość wartości wartością wartościom wartościami wartościach"),
	p("mentor", "mentor mentora mentorowi mentorem mentorze mentorzy mentorów mentorom mentorami mentorach"),
	p("lider", "lider lidera liderowi liderem liderze liderzy liderów liderom liderami liderach"),
	p("marketing", "marketing marketingu marketingowi marketingiem"),
	p("relacja", "relacja relacji relację relacją relacje relacjom relacjami relacjach"),
	p("harcerz", "harcerz harcerza harcerzowi harcerzem harcerzu harcerze harcerzy harcerzom harcerzami harcerzach"),
	p("zespół", "zespół zespołu zespołowi zespołem zespole zespoły zespołów zespołom zespołami zespołach"),
	p("wniosek", "wniosek wniosku wnioskowi wnioskiem wnioski wniosków wnioskom wnioskami wnioskach"),
	p("budżet", "budżet budżetu budżetowi budżetem budżecie budżety budżetów budżetom budżetami budżetach"),
	p("miasto", "miasto miasta miastu miastem mieście miast miastom miastami miastach"),
	p("firma", "firma firmy firmie firmę firmą firm firmom firmami firmach"),
	p("moduł", "moduł modułu modułowi modułem module moduły modułów modułom modułami modułach"),
	p("ćwiczenie", "ćwiczenie ćwiczenia ćwiczeniu ćwiczeniem ćwiczeń ćwiczeniom ćwiczeniami ćwiczeniach"),
	p("pozarządowy", "pozarządowy pozarządowa pozarządowe pozarządowego pozarządowej pozarządowemu pozarządową pozarządowym pozarządowych pozarządowymi pozarządowi"),
	p("lokalny", "lokalny lokalna lokalne lokalnego lokalnej lokalnemu lokalną lokalnym lokalnych lokalnymi lokalni"),
	p("współpracować", "współpracować współpracuje współpracują współpracował współpracowała współpracowali współpracujemy współpracując"),
	p("sektor", "sektor sektora sektorowi sektorem sektorze sektory sektorów sektorom sektorami sektorach"),
	p("grant", "grant grantu grantowi grantem grancie granty grantów grantom grantami grantach"),
	p("komunikacja", "komunikacja komunikacji komunikację komunikacją komunikacje"),
	p("misja", "misja misji misję misją misje misjom misjami misjach"),
	p("strategia", "strategia strategii strategię strategią strategie strategiom strategiami strategiach"),
	p("zaangażowanie", "zaangażowanie zaangażowania zaangażowaniu zaangażowaniem"),
}

// generalParadigms are everyday words of the materials that are not in the
// lexicon: recall on them shows what the analysis does for words nobody
// tuned it for.
var generalParadigms = []paradigm{
	p("spotkanie", "spotkanie spotkania spotkaniu spotkaniem spotkań spotkaniom spotkaniami spotkaniach"),
	p("uczestnik", "uczestnik uczestnika uczestnikowi uczestnikiem uczestniku uczestnicy uczestników uczestnikom uczestnikami uczestnikach"),
	p("wydarzenie", "wydarzenie wydarzenia wydarzeniu wydarzeniem wydarzeń wydarzeniom wydarzeniami wydarzeniach"),
	p("działanie", "działanie działania działaniu działaniem działań działaniom działaniami działaniach"),
	p("pracownik", "pracownik pracownika pracownikowi pracownikiem pracowniku pracownicy pracowników pracownikom pracownikami pracownikach"),
	p("odbiorca", "odbiorca odbiorcy odbiorcę odbiorcą odbiorców odbiorcom odbiorcami odbiorcach"),
	p("nagroda", "nagroda nagrody nagrodzie nagrodę nagrodą nagród nagrodom nagrodami nagrodach"),
	p("rola", "rola roli rolę rolą role ról rolom rolami rolach"),
	p("zadanie", "zadanie zadania zadaniu zadaniem zadań zadaniom zadaniami zadaniach"),
	p("decyzja", "decyzja decyzji decyzję decyzją decyzje decyzjom decyzjami decyzjach"),
	p("problem", "problem problemu problemowi problemem problemie problemy problemów problemom problemami problemach"),
	p("potrzeba", "potrzeba potrzeby potrzebie potrzebę potrzebą potrzeb potrzebom potrzebami potrzebach"),
	p("szkoła", "szkoła szkoły szkole szkołę szkołą szkół szkołom szkołami szkołach"),
	p("biblioteka", "biblioteka biblioteki bibliotece bibliotekę biblioteką bibliotek bibliotekom bibliotekami bibliotekach"),
	p("kultura", "kultura kultury kulturze kulturę kulturą kultur kulturom kulturami kulturach"),
	p("młodzież", "młodzież młodzieży młodzieżą"),
	p("senior", "senior seniora seniorowi seniorem seniorze seniorzy seniorów seniorom seniorami seniorach"),
	p("rodzina", "rodzina rodziny rodzinie rodzinę rodziną rodzin rodzinom rodzinami rodzinach"),
	p("dziecko", "dziecko dziecka dziecku dzieckiem dzieci dzieciom dziećmi dzieciach"),
	p("wiedza", "wiedza wiedzy wiedzę wiedzą"),
	p("doświadczenie", "doświadczenie doświadczenia doświadczeniu doświadczeniem doświadczeń doświadczeniom doświadczeniami doświadczeniach"),
	p("korzyść", "korzyść korzyści korzyścią korzyściom korzyściami korzyściach"),
	p("zasada", "zasada zasady zasadzie zasadę zasadą zasad zasadom zasadami zasadach"),
	p("spółka", "spółka spółki spółce spółkę spółką spółek spółkom spółkami spółkach"),
	p("przedsiębiorstwo", "przedsiębiorstwo przedsiębiorstwa przedsiębiorstwu przedsiębiorstwem przedsiębiorstwie przedsiębiorstw przedsiębiorstwom przedsiębiorstwami przedsiębiorstwach"),
	p("region", "region regionu regionowi regionem regionie regiony regionów regionom regionami regionach"),
	p("finansowanie", "finansowanie finansowania finansowaniu finansowaniem"),
	p("komunikat", "komunikat komunikatu komunikatowi komunikatem komunikacie komunikaty komunikatów komunikatom komunikatami komunikatach"),
	p("wolontariat", "wolontariat wolontariatu wolontariatowi wolontariatem wolontariacie"),
	p("samorządowy", "samorządowy samorządowa samorządowe samorządowego samorządowej samorządowemu samorządową samorządowym samorządowych samorządowymi"),
	p("społeczny", "społeczny społeczna społeczne społecznego społecznej społecznemu społeczną społecznym społecznych społecznymi społeczni"),
}
