package server
import ("testing";"os/exec";"context";"time")
func TestZZChromium(t *testing.T) {
	diags := []Diagnostic{{File: "content/a.md", Line: 3, Col: 1, Message: "zły <b>link</b>"}}
	s := New(Options{Watch: true}, Snapshot{Site: testSite("v1")})
	s.Update(Snapshot{Diags: diags})
	srv := serve(t, s)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=3000", "--dump-dom", srv.url+"/moduly/").CombinedOutput()
	t.Logf("%v\n%s", err, out)
}
