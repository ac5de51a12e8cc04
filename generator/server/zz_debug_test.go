package server
import "testing"
func TestZZDebug(t *testing.T) {
	fsys, _ := DirFS(siteOnDisk(t))
	var log syncBuffer
	srv := start(t, Options{Log: &log}, Snapshot{Site: fsys})
	for _, target := range []string{"/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/a/../../secret.txt", `/..\secret.txt`, "/%5c..%5csecret.txt", "/index.html%00.css", "//secret.txt", "/./index.html", "/.%2e/secret.txt", "/leak.txt", "/rel.txt", "/outdir/x.txt", "/outdir/", "/inside.css"} {
		code, body := rawGet(t, srv.addr, target)
		if len(body) > 40 { body = body[:40] }
		t.Logf("%-25s %d %q", target, code, body)
	}
	t.Log(log.String())
}
