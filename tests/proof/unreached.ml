(* tests/proof/unreached.ml - loaded by tests/proof/run.sh after EVA:
   prints "UNREACHED function file:line" for every statement of an
   analysed function that no input of the harness reaches (the
   statements EVA's summary counts as not reached). *)
let () =
  Db.Main.extend (fun () ->
      Globals.Functions.iter (fun kf ->
          if Eva.Results.is_called kf then
            match kf.Cil_types.fundec with
            | Cil_types.Definition (fd, _) ->
                List.iter
                  (fun s ->
                    if not (Eva.Results.is_reachable s) then
                      Format.printf "UNREACHED %s %a@."
                        (Kernel_function.get_name kf)
                        Cil_datatype.Location.pretty
                        (Cil_datatype.Stmt.loc s))
                  fd.Cil_types.sallstmts
            | Cil_types.Declaration _ -> ()))
