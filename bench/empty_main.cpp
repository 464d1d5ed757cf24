// The start-up baseline: a program that does nothing, linked like cloudtrack.
int main()
{
    return 0;
}
