export interface ProjectRow {
  id: string;
  public_id: number;
  name: string;
  repo: string | null;
  default_branch: string;
  autonomy_level: number;
}
